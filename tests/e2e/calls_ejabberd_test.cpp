// The main call scenarios with ejabberd 23.01 as the XMPP server instead of Prosody: sign-up and
// REGISTER, outgoing calls (answered, busy), an incoming call, JMI both ways with caps, and the
// client going offline mid-call. One ejabberd serves every case (it takes seconds to start);
// each case gets a fresh world on it: Kamailio, gateway and its store, alice's roster emptied.
#include "tests/e2e/call_world.hpp"
#include "tests/e2e/jingle_client.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/sipp.hpp"

#include <doctest/doctest.h>

using namespace gw;
using namespace gw::test;
using namespace std::chrono_literals;

namespace {

const std::string kBob = std::string("bob%127.0.0.1@") + kComponent;
const std::string kCaller = std::string("sipp%127.0.0.1@") + kComponent + "/sip";

// bob at Kamailio is a sipp callee running `scenario`.
std::unique_ptr<rig::Sipp> callee(CallWorld& world, const std::string& scenario) {
    auto sipp = std::make_unique<rig::Sipp>(
        rig::SippOptions{.scenario = rig::sipp_scenario(scenario), .extra_args = {"-m", "1"}});
    world.kamailio.add_static_contact("bob", "sip:bob@127.0.0.1:" + std::to_string(sipp->port()));
    return sipp;
}

// A sipp caller running `scenario` against carol at Kamailio.
std::unique_ptr<rig::Sipp> caller(CallWorld& world, const std::string& scenario, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"-m", "1", "-s", "carol"};
    args.insert(args.end(), extra.begin(), extra.end());
    return std::make_unique<rig::Sipp>(
        rig::SippOptions{.scenario = rig::sipp_scenario(scenario), .remote = world.proxy(), .extra_args = args});
}

// An IQ set from the client, answered with a result.
void send_acked(rig::XmppTestClient& client, const std::string& to, const std::string& action, const std::string& sid,
                const std::string& body, const std::string& initiator = "") {
    const std::string id = client.next_id();
    client.send(jingle_iq(id, to, action, sid, body, initiator));
    auto ack = client.wait_for_id(id);
    REQUIRE(ack);
    REQUIRE(ack->attr("type") == "result");
}

rig::ClientCaps jmi_client() {
    rig::ClientCaps caps;
    caps.features = {"http://jabber.org/protocol/disco#info", "urn:xmpp:jingle:1", "urn:xmpp:jingle:apps:rtp:1",
                     "urn:xmpp:jingle:apps:rtp:audio", "urn:xmpp:jingle:transports:raw-udp:1",
                     "urn:xmpp:jingle-message:0"};
    return caps;
}

// The gateway read the client's caps (ejabberd's mod_caps asks too, from the server's address).
bool gateway_asked(const rig::XmppTestClient& client) {
    for (const rig::DiscoQuery& query : client.disco_queries())
        if (query.from == kComponent && query.answered) return true;
    return false;
}

}  // namespace

TEST_CASE("sign-up through ejabberd: the user accepts the gateway, carol is registered, the status says so") {
    for (int round = 0; round < 2; ++round) {  // the second world signs up again on the same server
        CAPTURE(round);
        CallWorld world(XmppServer::ejabberd);
        CHECK(world.kamailio.contacts("carol").size() == 1);
        auto status = world.alice->wait_for([](const rig::Stanza& s) {
            const rig::Stanza* text = s.child("status");
            return s.name() == "presence" && s.attr("from") == kComponent && text != nullptr &&
                   text->text() == "registered as carol@127.0.0.1";
        });
        CHECK(status.has_value());
    }
}

TEST_CASE("outgoing, answered: ringing, session-accept, hung up by the user, BYE to the callee") {
    CallWorld world(XmppServer::ejabberd);
    auto bob = callee(world, "answer");
    send_acked(*world.alice, kBob, "session-initiate", "e1", audio_content(40000), world.alice->full_jid());
    auto ringing = expect_jingle(*world.alice, "session-info", "e1");
    REQUIRE(ringing);
    CHECK(jingle_of(*ringing)->child("ringing", "urn:xmpp:jingle:apps:rtp:info:1") != nullptr);
    auto accept = expect_jingle(*world.alice, "session-accept", "e1");
    REQUIRE(accept);
    const rig::Stanza* content = jingle_of(*accept)->child("content");
    REQUIRE(content != nullptr);
    CHECK(content->child("description", "urn:xmpp:jingle:apps:rtp:1")->child("payload-type")->attr("name") == "PCMU");
    CHECK(world.metric("xsg_calls_active") == 1L);

    send_acked(*world.alice, kBob, "session-terminate", "e1", "<reason><success/></reason>");
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(bob->messages_log().find("From: <sip:carol@127.0.0.1>") != std::string::npos);
    CHECK(bob->messages_log().find("BYE sip:") != std::string::npos);
    CHECK(world.calls_settled());
}

TEST_CASE("outgoing, busy: session-terminate with busy and 486") {
    CallWorld world(XmppServer::ejabberd);
    auto bob = callee(world, "busy");
    send_acked(*world.alice, kBob, "session-initiate", "e2", audio_content(40000), world.alice->full_jid());
    auto terminate = expect_jingle(*world.alice, "session-terminate", "e2");
    REQUIRE(terminate);
    CHECK(reason_of(*jingle_of(*terminate)) == "busy");
    CHECK(sip_status_of(*jingle_of(*terminate)) == 486);
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("incoming, answered: session-initiate to the client, its answer in the 200, the caller's BYE") {
    CallWorld world(XmppServer::ejabberd);
    auto sipp = caller(world, "call_in", {"-d", "300", "-key", "audio_port", "40100"});
    auto initiate = expect_jingle(*world.alice, "session-initiate");
    REQUIRE(initiate);
    const rig::Stanza* jingle = jingle_of(*initiate);
    CHECK(initiate->attr("from") == kCaller);
    CHECK(initiate->attr("to") == world.alice->full_jid());
    const rig::Stanza* candidate = jingle->child("content")->child("transport")->child("candidate");
    REQUIRE(candidate != nullptr);
    CHECK(candidate->attr("port") == "40100");

    send_acked(*world.alice, kCaller, "session-accept", jingle->attr("sid"), audio_content(41000),
               jingle->attr("initiator"));
    auto end = expect_jingle(*world.alice, "session-terminate", jingle->attr("sid"));
    REQUIRE(end);
    CHECK(reason_of(*jingle_of(*end)) == "success");
    CHECK(sipp->wait_exit(10s) == 0);
    CHECK(sipp->messages_log().find("m=audio 41000 RTP/AVP 0 101") != std::string::npos);
    CHECK(world.calls_settled());
}

TEST_CASE("incoming with JMI: both clients with caps are proposed to, the first to proceed gets the call") {
    CallWorld world(XmppServer::ejabberd);
    auto laptop = world.client("alice@localhost/laptop");
    world.alice->send_presence(jmi_client());
    laptop->send_presence(jmi_client());
    // One disco#info per caps hash: the gateway asks one of the two clients.
    REQUIRE(rig::poll_until([&] {
        world.alice->pump(50ms);
        laptop->pump(50ms);
        return gateway_asked(*world.alice) || gateway_asked(*laptop);
    }, 5s));
    auto sipp = caller(world, "call_in", {"-d", "300"});
    auto on_phone = expect_jmi(*world.alice, "propose");
    auto on_laptop = expect_jmi(*laptop, "propose");
    REQUIRE(on_phone);
    REQUIRE(on_laptop);
    CHECK(on_phone->attr("from") == kCaller);
    const std::string sid = on_laptop->child("propose")->attr("id");
    CHECK(on_phone->child("propose")->attr("id") == sid);

    laptop->send("<message type='chat' to='" + kCaller + "'><proceed xmlns='urn:xmpp:jingle-message:0' id='" + sid +
                 "'/></message>");
    auto initiate = expect_jingle(*laptop, "session-initiate", sid);
    REQUIRE(initiate);
    CHECK(initiate->attr("to") == laptop->full_jid());
    // The phone proceeds too late: the call is taken, it stops ringing.
    world.alice->send("<message type='chat' to='" + kCaller + "'><proceed xmlns='urn:xmpp:jingle-message:0' id='" +
                      sid + "'/></message>");
    auto retract = expect_jmi(*world.alice, "retract");
    REQUIRE(retract);
    send_acked(*laptop, kCaller, "session-accept", sid, audio_content(41002), jingle_of(*initiate)->attr("initiator"));
    REQUIRE(expect_jingle(*laptop, "session-terminate", sid));
    CHECK(sipp->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("outgoing with JMI: propose, proceed from the contact, session-initiate to it, answered") {
    CallWorld world(XmppServer::ejabberd);
    auto bob = callee(world, "answer");
    world.alice->send("<message type='chat' to='" + kBob + "'><propose xmlns='urn:xmpp:jingle-message:0' id='j1'>"
                      "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose></message>");
    auto proceed = expect_jmi(*world.alice, "proceed");
    REQUIRE(proceed);
    const std::string contact = proceed->attr("from");
    CHECK(contact == kBob + "/sip");
    send_acked(*world.alice, contact, "session-initiate", "j1", audio_content(40000), world.alice->full_jid());
    REQUIRE(expect_jingle(*world.alice, "session-accept", "j1"));
    send_acked(*world.alice, contact, "session-terminate", "j1", "<reason><success/></reason>");
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("the user's client goes offline mid-call: BYE to the callee, SIP registration removed") {
    CallWorld world(XmppServer::ejabberd);
    auto bob = callee(world, "answer");
    send_acked(*world.alice, kBob, "session-initiate", "e3", audio_content(40000), world.alice->full_jid());
    REQUIRE(expect_jingle(*world.alice, "session-accept", "e3"));
    world.alice->disconnect();
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(bob->messages_log().find("BYE sip:") != std::string::npos);
    CHECK(world.calls_settled());
    CHECK(rig::poll_until([&] { return world.kamailio.contacts("carol").empty(); }, 10s));
}
