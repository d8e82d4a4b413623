// Incoming calls end to end: a sipp caller dials carol at a real Kamailio, which routes the
// INVITE to the gateway's registration Contact; alice's clients (real Prosody) ring.
#include "tests/e2e/call_world.hpp"
#include "tests/e2e/jingle_client.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/sipp.hpp"

#include <doctest/doctest.h>

using namespace gw;
using namespace gw::test;
using namespace std::chrono_literals;

namespace {

const std::string kCaller = std::string("sipp%127.0.0.1@") + kComponent + "/sip";
const std::string kBob = std::string("bob%127.0.0.1@") + kComponent;

// A sipp caller running `scenario` against carol at Kamailio (or `remote`).
std::unique_ptr<rig::Sipp> caller(CallWorld& world, const std::string& scenario, std::vector<std::string> extra = {},
                                  const std::string& service = "carol", std::string remote = "") {
    if (remote.empty()) remote = world.proxy();
    std::vector<std::string> args = {"-m", "1", "-s", service};
    args.insert(args.end(), extra.begin(), extra.end());
    return std::make_unique<rig::Sipp>(
        rig::SippOptions{.scenario = rig::sipp_scenario(scenario), .remote = remote, .extra_args = args});
}

rig::ClientCaps jmi_client() {
    rig::ClientCaps caps;
    caps.features = {"http://jabber.org/protocol/disco#info", "urn:xmpp:jingle:1", "urn:xmpp:jingle:apps:rtp:1",
                     "urn:xmpp:jingle:apps:rtp:audio", "urn:xmpp:jingle:transports:raw-udp:1",
                     "urn:xmpp:jingle-message:0"};
    return caps;
}

void accept(rig::XmppTestClient& client, const rig::Stanza& initiate, std::uint16_t port) {
    const rig::Stanza* jingle = jingle_of(initiate);
    const std::string id = client.next_id();
    client.send(jingle_iq(id, initiate.attr("from"), "session-accept", jingle->attr("sid"),
                          audio_content(port, "initiator"), jingle->attr("initiator")));
    auto ack = client.wait_for_id(id);
    REQUIRE(ack);
    CHECK(ack->attr("type") == "result");
}

void terminate(rig::XmppTestClient& client, const rig::Stanza& initiate, const std::string& reason) {
    const std::string id = client.next_id();
    client.send(jingle_iq(id, initiate.attr("from"), "session-terminate", jingle_of(initiate)->attr("sid"),
                          "<reason><" + reason + "/></reason>"));
    auto ack = client.wait_for_id(id);
    REQUIRE(ack);
    CHECK(ack->attr("type") == "result");
}

// The Contact token the gateway registered for carol.
std::string carol_token(CallWorld& world) {
    const auto contacts = world.kamailio.contacts("carol");
    REQUIRE(contacts.size() == 1);
    const auto colon = contacts[0].find("sip:");
    const auto at = contacts[0].find('@', colon);
    return contacts[0].substr(colon + 4, at - colon - 4);
}

}  // namespace

TEST_CASE("answered: session-initiate to the client, its answer in the 200, the caller's BYE ends it") {
    CallWorld world;
    auto sipp = caller(world, "call_in", {"-d", "300", "-key", "audio_port", "40100"});
    auto initiate = expect_jingle(*world.alice, "session-initiate");
    REQUIRE(initiate);
    const rig::Stanza* jingle = jingle_of(*initiate);
    CHECK(initiate->attr("from") == kCaller);
    CHECK(jingle->attr("initiator") == kCaller);
    const rig::Stanza* content = jingle->child("content");
    REQUIRE(content != nullptr);
    const rig::Stanza* candidate = content->child("transport")->child("candidate");
    REQUIRE(candidate != nullptr);
    CHECK(candidate->attr("port") == "40100");
    bool telephone_event = false;
    for (const rig::Stanza& pt : content->child("description")->children())
        if (pt.attr("name") == "telephone-event" && pt.attr("id") == "101") telephone_event = true;
    CHECK(telephone_event);  // DTMF's payload type survives the translation

    accept(*world.alice, *initiate, 41000);
    auto end = expect_jingle(*world.alice, "session-terminate", jingle->attr("sid"));
    REQUIRE(end);
    CHECK(reason_of(*jingle_of(*end)) == "success");
    CHECK(sipp->wait_exit(10s) == 0);
    CHECK(sipp->messages_log().find("m=audio 41000 RTP/AVP 0 101") != std::string::npos);
    CHECK(world.calls_settled());
}

TEST_CASE("declined with decline -> 603, with busy -> 486") {
    for (auto [reason, code] : {std::pair{"decline", "603"}, std::pair{"busy", "486"}}) {
        CAPTURE(std::string(reason));
        CallWorld world;
        auto sipp = caller(world, "call_in_rejected", {"-key", "expect", code});
        auto initiate = expect_jingle(*world.alice, "session-initiate");
        REQUIRE(initiate);
        terminate(*world.alice, *initiate, reason);
        CHECK(sipp->wait_exit(10s) == 0);
        CHECK(world.calls_settled());
    }
}

TEST_CASE("the caller cancels while it rings: the client hears cancel") {
    CallWorld world;
    auto sipp = caller(world, "call_in_cancel", {"-d", "500"});
    auto initiate = expect_jingle(*world.alice, "session-initiate");
    REQUIRE(initiate);
    auto end = expect_jingle(*world.alice, "session-terminate", jingle_of(*initiate)->attr("sid"));
    REQUIRE(end);
    CHECK(reason_of(*jingle_of(*end)) == "cancel");
    CHECK(sipp->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("nobody answers: 480 to the caller after ring_timeout_s, timeout to the client") {
    CallWorld world("ring_timeout_s = 1\n");
    auto sipp = caller(world, "call_in_rejected", {"-key", "expect", "480"});
    auto initiate = expect_jingle(*world.alice, "session-initiate");
    REQUIRE(initiate);
    auto end = expect_jingle(*world.alice, "session-terminate", jingle_of(*initiate)->attr("sid"));
    REQUIRE(end);
    CHECK(reason_of(*jingle_of(*end)) == "timeout");
    CHECK(sipp->wait_exit(10s) == 0);
    // Reason phrases reach the wire intact (Sofia sends them after nua_respond() returns).
    CHECK(sipp->messages_log().find("SIP/2.0 480 Temporarily Unavailable") != std::string::npos);
    CHECK(sipp->messages_log().find("SIP/2.0 180 Ringing") != std::string::npos);
    CHECK(world.calls_settled());
}

TEST_CASE("two clients with JMI: both are proposed to, the first to proceed gets the call") {
    CallWorld world;
    auto laptop = world.client("alice@localhost/laptop");
    world.alice->send_presence(jmi_client());
    laptop->send_presence(jmi_client());
    REQUIRE(rig::poll_until([&] {
        world.alice->pump(50ms);
        laptop->pump(50ms);
        return world.alice->disco_queries().size() + laptop->disco_queries().size() >= 1;
    }, 5s));
    auto sipp = caller(world, "call_in", {"-d", "300"});
    auto on_phone = expect_jmi(*world.alice, "propose");
    auto on_laptop = expect_jmi(*laptop, "propose");
    REQUIRE(on_phone);
    REQUIRE(on_laptop);
    CHECK(on_phone->attr("from") == kCaller);
    const std::string sid = on_laptop->child("propose")->attr("id");
    CHECK(on_phone->child("propose")->attr("id") == sid);
    CHECK(on_laptop->child("propose")->child("description", "urn:xmpp:jingle:apps:rtp:1")->attr("media") == "audio");

    laptop->send("<message type='chat' to='" + kCaller + "'><proceed xmlns='urn:xmpp:jingle-message:0' id='" + sid +
                 "'/></message>");
    auto initiate = expect_jingle(*laptop, "session-initiate", sid);
    REQUIRE(initiate);
    world.alice->send("<message type='chat' to='" + kCaller + "'><proceed xmlns='urn:xmpp:jingle-message:0' id='" +
                      sid + "'/></message>");
    auto retract = expect_jmi(*world.alice, "retract");
    REQUIRE(retract);  // the phone stops ringing
    accept(*laptop, *initiate, 41002);
    REQUIRE(expect_jingle(*laptop, "session-terminate", sid));
    CHECK(sipp->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("JMI decline: <reject/> is 603 to the caller") {
    CallWorld world;
    world.alice->send_presence(jmi_client());
    REQUIRE(rig::poll_until([&] { world.alice->pump(50ms); return !world.alice->disco_queries().empty(); }, 5s));
    auto sipp = caller(world, "call_in_rejected", {"-key", "expect", "603"});
    auto propose = expect_jmi(*world.alice, "propose");
    REQUIRE(propose);
    world.alice->send("<message type='chat' to='" + kCaller + "'><reject xmlns='urn:xmpp:jingle-message:0' id='" +
                      propose->child("propose")->attr("id") + "'/></message>");
    CHECK(sipp->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("JMI outgoing: propose, proceed from the contact, session-initiate to it, answered") {
    CallWorld world;
    auto bob = std::make_unique<rig::Sipp>(
        rig::SippOptions{.scenario = rig::sipp_scenario("answer"), .extra_args = {"-m", "1"}});
    world.kamailio.add_static_contact("bob", "sip:bob@127.0.0.1:" + std::to_string(bob->port()));
    world.alice->send("<message type='chat' to='" + kBob + "'><propose xmlns='urn:xmpp:jingle-message:0' id='j1'>"
                      "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose></message>");
    auto proceed = expect_jmi(*world.alice, "proceed");
    REQUIRE(proceed);
    const std::string contact = proceed->attr("from");
    CHECK(contact == kBob + "/sip");
    const std::string id = world.alice->next_id();
    world.alice->send(jingle_iq(id, contact, "session-initiate", "j1", audio_content(40000), world.alice->full_jid()));
    REQUIRE(world.alice->wait_for_id(id));
    REQUIRE(expect_jingle(*world.alice, "session-accept", "j1"));
    const std::string bye = world.alice->next_id();
    world.alice->send(jingle_iq(bye, contact, "session-terminate", "j1", "<reason><success/></reason>"));
    REQUIRE(world.alice->wait_for_id(bye));
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("JMI outgoing retracted before the session: nothing reaches SIP") {
    CallWorld world;
    world.alice->send("<message type='chat' to='" + kBob + "'><propose xmlns='urn:xmpp:jingle-message:0' id='j2'>"
                      "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose></message>");
    REQUIRE(expect_jmi(*world.alice, "proceed"));
    world.alice->send("<message type='chat' to='" + kBob + "/sip'><retract xmlns='urn:xmpp:jingle-message:0' id='j2'/>"
                      "</message>");
    CHECK(world.calls_settled());
    CHECK(world.gateway->count_in_log("INVITE sip:") == 0);
}

TEST_CASE("INVITEs for no user get 404, for an offline user 480, without SDP 488") {
    CallWorld world;
    const std::string gateway = "127.0.0.1:" + std::to_string(world.gateway->config().sip_port);
    {
        auto sipp = caller(world, "call_in_rejected", {"-key", "expect", "404"}, "no-such-token", gateway);
        CHECK(sipp->wait_exit(10s) == 0);
    }
    {
        auto sipp = caller(world, "call_in_no_sdp", {"-key", "expect", "488"});
        CHECK(sipp->wait_exit(10s) == 0);
        CHECK(world.gateway->log().find("late offer") != std::string::npos);
    }
    const std::string token = carol_token(world);
    world.alice->disconnect();
    REQUIRE(rig::poll_until([&] { return world.kamailio.contacts("carol").empty(); }, 10s));
    {
        auto sipp = caller(world, "call_in_rejected", {"-key", "expect", "480"}, token, gateway);
        CHECK(sipp->wait_exit(10s) == 0);
    }
    CHECK(world.calls_settled());
}

TEST_CASE("hold and resume from the SIP caller reach the client; the gateway answers recvonly") {
    CallWorld world;
    auto sipp = caller(world, "call_in_hold", {"-d", "300"});
    auto initiate = expect_jingle(*world.alice, "session-initiate");
    REQUIRE(initiate);
    const std::string sid = jingle_of(*initiate)->attr("sid");
    accept(*world.alice, *initiate, 41004);
    auto hold = expect_jingle(*world.alice, "session-info", sid);
    REQUIRE(hold);
    CHECK(jingle_of(*hold)->child("hold", "urn:xmpp:jingle:apps:rtp:info:1") != nullptr);
    auto unhold = expect_jingle(*world.alice, "session-info", sid);
    REQUIRE(unhold);
    CHECK(jingle_of(*unhold)->child("unhold", "urn:xmpp:jingle:apps:rtp:info:1") != nullptr);
    REQUIRE(expect_jingle(*world.alice, "session-terminate", sid));
    CHECK(sipp->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("a caller asking for 100rel gets a reliable 180 it can PRACK") {
    CallWorld world;
    auto sipp = caller(world, "call_in_prack", {"-d", "200"});
    auto initiate = expect_jingle(*world.alice, "session-initiate");
    REQUIRE(initiate);
    world.alice->pump(300ms);
    accept(*world.alice, *initiate, 41006);
    REQUIRE(expect_jingle(*world.alice, "session-terminate", jingle_of(*initiate)->attr("sid")));
    CHECK(sipp->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("a caller that refreshes the session timer with UPDATE keeps the call up") {
    CallWorld world;
    auto sipp = caller(world, "call_in_session_timer", {"-d", "300"});
    auto initiate = expect_jingle(*world.alice, "session-initiate");
    REQUIRE(initiate);
    accept(*world.alice, *initiate, 41008);
    REQUIRE(expect_jingle(*world.alice, "session-terminate", jingle_of(*initiate)->attr("sid")));
    CHECK(sipp->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}
