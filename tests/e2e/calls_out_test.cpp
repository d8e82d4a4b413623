// Outgoing calls end to end: alice (a real Prosody user, signed up as carol) calls bob, a sipp
// callee behind a real Kamailio with digest authentication.
#include "tests/e2e/call_world.hpp"
#include "tests/e2e/jingle_client.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/sipp.hpp"

#include <doctest/doctest.h>

#include <csignal>

using namespace gw;
using namespace gw::test;
using namespace std::chrono_literals;

namespace {

const std::string kBob = std::string("bob%127.0.0.1@") + kComponent;

// bob at Kamailio is a sipp callee running `scenario`.
std::unique_ptr<rig::Sipp> callee(CallWorld& world, const std::string& scenario,
                                  std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"-m", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto sipp = std::make_unique<rig::Sipp>(rig::SippOptions{.scenario = rig::sipp_scenario(scenario), .extra_args = args});
    world.kamailio.add_static_contact("bob", "sip:bob@127.0.0.1:" + std::to_string(sipp->port()));
    return sipp;
}

// alice sends session-initiate to bob; the IQ is acknowledged at once.
void call_bob(CallWorld& world, const std::string& sid, std::uint16_t port = 40000) {
    const std::string id = world.alice->next_id();
    world.alice->send(jingle_iq(id, kBob, "session-initiate", sid, audio_content(port), world.alice->full_jid()));
    auto ack = world.alice->wait_for_id(id);
    REQUIRE(ack);
    REQUIRE(ack->attr("type") == "result");
}

void hang_up(CallWorld& world, const std::string& sid, const std::string& to = kBob) {
    const std::string id = world.alice->next_id();
    world.alice->send(jingle_iq(id, to, "session-terminate", sid, "<reason><success/></reason>"));
    auto ack = world.alice->wait_for_id(id);
    REQUIRE(ack);
    CHECK(ack->attr("type") == "result");
}

}  // namespace

TEST_CASE("answered: ringing, session-accept with the callee's answer, hung up by the user") {
    CallWorld world;
    auto bob = callee(world, "answer");
    call_bob(world, "s1");
    auto ringing = expect_jingle(*world.alice, "session-info", "s1");
    REQUIRE(ringing);
    CHECK(jingle_of(*ringing)->child("ringing", "urn:xmpp:jingle:apps:rtp:info:1") != nullptr);
    auto accept = expect_jingle(*world.alice, "session-accept", "s1");
    REQUIRE(accept);
    const rig::Stanza* content = jingle_of(*accept)->child("content");
    REQUIRE(content != nullptr);
    CHECK(content->attr("name") == "audio");
    const rig::Stanza* description = content->child("description", "urn:xmpp:jingle:apps:rtp:1");
    REQUIRE(description != nullptr);
    CHECK(description->child("payload-type")->attr("name") == "PCMU");
    const rig::Stanza* transport = content->child("transport", "urn:xmpp:jingle:transports:raw-udp:1");
    REQUIRE(transport != nullptr);
    CHECK(transport->child("candidate")->attr("ip") == "127.0.0.1");
    CHECK(world.metric("xsg_calls_active") == 1L);

    hang_up(world, "s1");
    CHECK(bob->wait_exit(10s) == 0);
    // The INVITE carried the user's identity, the offer with telephone-event, and credentials.
    const std::string sip = bob->messages_log();
    CHECK(sip.find("From: <sip:carol@127.0.0.1>") != std::string::npos);
    CHECK(sip.find("a=rtpmap:101 telephone-event/8000") != std::string::npos);
    CHECK(sip.find("m=audio 40000 RTP/AVP 0 101") != std::string::npos);
    CHECK(world.calls_settled());
    CHECK(world.gateway->log().find("carol-pass") == std::string::npos);
    CHECK(world.gateway->log().find("call s1 [") != std::string::npos);
    CHECK(world.gateway->log().find("hung up by xmpp") != std::string::npos);
}

TEST_CASE("answered, then hung up by the SIP callee: session-terminate reaches the user") {
    CallWorld world;
    auto bob = callee(world, "answer_then_hangup", {"-d", "300"});
    call_bob(world, "s2");
    REQUIRE(expect_jingle(*world.alice, "session-accept", "s2"));
    auto terminate = expect_jingle(*world.alice, "session-terminate", "s2");
    REQUIRE(terminate);
    CHECK(reason_of(*jingle_of(*terminate)) == "success");
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
    CHECK(world.gateway->log().find("hung up by sip") != std::string::npos);
}

TEST_CASE("busy, decline and not found come back as Jingle reasons with the SIP status") {
    struct Case {
        const char* scenario;
        const char* reason;
        int status;
    };
    for (const Case& c : {Case{"busy", "busy", 486}, Case{"decline", "decline", 603}, Case{"not_found", "gone", 404}}) {
        CAPTURE(std::string(c.scenario));
        CallWorld world;  // a fresh Kamailio: bob has exactly one contact
        auto bob = callee(world, c.scenario);
        const std::string sid = std::string("sid-") + c.scenario;
        call_bob(world, sid);
        auto terminate = expect_jingle(*world.alice, "session-terminate", sid);
        REQUIRE(terminate);
        CHECK(reason_of(*jingle_of(*terminate)) == c.reason);
        CHECK(sip_status_of(*jingle_of(*terminate)) == c.status);
        CHECK(bob->wait_exit(10s) == 0);
        CHECK(world.calls_settled());
    }
}

TEST_CASE("a user nobody in Kamailio knows: 404 maps to gone") {
    CallWorld world;
    const std::string id = world.alice->next_id();
    world.alice->send(jingle_iq(id, std::string("nobody%127.0.0.1@") + kComponent, "session-initiate", "s404",
                                audio_content(40000), world.alice->full_jid()));
    auto terminate = expect_jingle(*world.alice, "session-terminate", "s404");
    REQUIRE(terminate);
    CHECK(reason_of(*jingle_of(*terminate)) == "gone");
    CHECK(sip_status_of(*jingle_of(*terminate)) == 404);
    CHECK(world.calls_settled());
}

TEST_CASE("hanging up while it rings sends CANCEL") {
    CallWorld world;
    auto bob = callee(world, "ring_no_answer");
    call_bob(world, "s3");
    REQUIRE(expect_jingle(*world.alice, "session-info", "s3"));
    hang_up(world, "s3");
    CHECK(bob->wait_exit(10s) == 0);  // the scenario ends only on a CANCEL (200, then 487)
    CHECK(world.calls_settled());
}

TEST_CASE("183 with SDP rings by default, and the 200's answer is accepted") {
    CallWorld world;
    auto bob = callee(world, "early_media", {"-d", "300"});
    call_bob(world, "s4");
    auto ringing = expect_jingle(*world.alice, "session-info", "s4");
    REQUIRE(ringing);
    REQUIRE(expect_jingle(*world.alice, "session-accept", "s4"));
    hang_up(world, "s4");
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("with early_media = \"accept\" the 183's answer is the session-accept") {
    CallWorld world("early_media = \"accept\"\n");
    auto bob = callee(world, "early_media", {"-d", "1500"});
    call_bob(world, "s5");
    auto accept = expect_jingle(*world.alice, "session-accept", "s5", 1000ms);
    REQUIRE(accept);  // well before the 200, which comes 1.5 s after the 183
    CHECK(bob->messages_log().find("SIP/2.0 200") == std::string::npos);
    world.alice->pump(2500ms);  // the 200 arrives: no second session-accept, the call goes on
    for (const rig::Stanza& s : world.alice->queued()) CHECK(jingle_of(s) == nullptr);
    CHECK(world.metric("xsg_calls_active") == 1L);
    hang_up(world, "s5");
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("hold and resume from SIP reach the user as session-info") {
    CallWorld world;
    auto bob = callee(world, "hold_from_sip", {"-d", "200"});
    call_bob(world, "s6");
    REQUIRE(expect_jingle(*world.alice, "session-accept", "s6"));
    auto hold = expect_jingle(*world.alice, "session-info", "s6");
    REQUIRE(hold);
    // The first session-info is the ringing; skip to the hold.
    if (jingle_of(*hold)->child("ringing") != nullptr) hold = expect_jingle(*world.alice, "session-info", "s6");
    REQUIRE(hold);
    CHECK(jingle_of(*hold)->child("hold", "urn:xmpp:jingle:apps:rtp:info:1") != nullptr);
    auto unhold = expect_jingle(*world.alice, "session-info", "s6");
    REQUIRE(unhold);
    CHECK(jingle_of(*unhold)->child("unhold", "urn:xmpp:jingle:apps:rtp:info:1") != nullptr);
    hang_up(world, "s6");
    CHECK(bob->wait_exit(10s) == 0);
    // The gateway answered the hold with recvonly (checked by the scenario) and resumed.
    CHECK(bob->messages_log().find("a=recvonly") != std::string::npos);
    CHECK(world.calls_settled());
}

TEST_CASE("hold and resume from the user become re-INVITEs with sendonly and sendrecv") {
    CallWorld world;
    auto bob = callee(world, "expect_hold");
    call_bob(world, "s7");
    REQUIRE(expect_jingle(*world.alice, "session-accept", "s7"));
    for (const char* info : {"hold", "unhold"}) {
        const std::string id = world.alice->next_id();
        world.alice->send(jingle_iq(id, kBob, "session-info", "s7",
                                    std::string("<") + info + " xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>"));
        auto ack = world.alice->wait_for_id(id);
        REQUIRE(ack);
        CHECK(ack->attr("type") == "result");
        world.alice->pump(300ms);
    }
    hang_up(world, "s7");
    CHECK(bob->wait_exit(10s) == 0);
    const std::string sip = bob->messages_log();
    CHECK(sip.find("a=sendonly") != std::string::npos);
    CHECK(world.calls_settled());
}

TEST_CASE("bad Jingle gets the right error and leaves a running call alone") {
    CallWorld world;
    auto bob = callee(world, "answer");
    call_bob(world, "good");
    REQUIRE(expect_jingle(*world.alice, "session-accept", "good"));

    // Unknown sid.
    const std::string id1 = world.alice->next_id();
    world.alice->send(jingle_iq(id1, kBob, "session-terminate", "nope", "<reason><success/></reason>"));
    auto reply1 = world.alice->wait_for_id(id1);
    REQUIRE(reply1);
    CHECK(reply1->attr("type") == "error");
    CHECK(reply1->child("error")->child("item-not-found") != nullptr);
    CHECK(reply1->child("error")->child("unknown-session", "urn:xmpp:jingle:errors:1") != nullptr);
    // Another client of the same user is not a party of the call.
    auto laptop = world.client("alice@localhost/laptop");
    const std::string id2 = laptop->next_id();
    laptop->send(jingle_iq(id2, kBob, "session-terminate", "good", "<reason><success/></reason>"));
    auto reply2 = laptop->wait_for_id(id2);
    REQUIRE(reply2);
    CHECK(reply2->attr("type") == "error");
    CHECK(reply2->child("error")->child("unknown-session", "urn:xmpp:jingle:errors:1") != nullptr);
    // A session-initiate without content.
    const std::string id3 = world.alice->next_id();
    world.alice->send(jingle_iq(id3, kBob, "session-initiate", "empty", "", world.alice->full_jid()));
    auto reply3 = world.alice->wait_for_id(id3);
    REQUIRE(reply3);
    CHECK(reply3->attr("type") == "error");
    CHECK(reply3->child("error")->child("bad-request") != nullptr);

    CHECK(world.metric("xsg_calls_active") == 1L);
    hang_up(world, "good");
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("the user's client goes offline mid-call: BYE to the callee") {
    CallWorld world;
    auto bob = callee(world, "answer");
    call_bob(world, "s8");
    REQUIRE(expect_jingle(*world.alice, "session-accept", "s8"));
    world.alice->disconnect();
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("SIGTERM mid-call: BYE to the callee, session-terminate to the user, exit 0") {
    CallWorld world;
    auto bob = callee(world, "answer");
    call_bob(world, "s9");
    REQUIRE(expect_jingle(*world.alice, "session-accept", "s9"));
    world.gateway->process().signal(SIGTERM);
    auto terminate = expect_jingle(*world.alice, "session-terminate", "s9");
    REQUIRE(terminate);
    CHECK(bob->wait_exit(10s) == 0);
    auto status = world.gateway->process().wait_exit(15s);
    REQUIRE(status);
    CHECK(*status == 0);
}

TEST_CASE("a user over the per-user limit gets general-error with a text; the first call goes on") {
    CallWorld world("max_per_user = 1\n");
    auto bob = callee(world, "answer");
    call_bob(world, "first");
    REQUIRE(expect_jingle(*world.alice, "session-accept", "first"));
    call_bob(world, "second");
    auto terminate = expect_jingle(*world.alice, "session-terminate", "second");
    REQUIRE(terminate);
    CHECK(reason_of(*jingle_of(*terminate)) == "general-error");
    CHECK(sip_status_of(*jingle_of(*terminate)) == 503);
    const rig::Stanza* text = jingle_of(*terminate)->child("reason")->child("text");
    REQUIRE(text != nullptr);
    CHECK(text->text().find("limit") != std::string::npos);
    hang_up(world, "first");
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("a callee that requires 100rel gets its PRACK, and the call is answered") {
    CallWorld world;
    auto bob = callee(world, "require_100rel");
    call_bob(world, "p1");
    REQUIRE(expect_jingle(*world.alice, "session-accept", "p1"));
    hang_up(world, "p1");
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(bob->messages_log().find("PRACK sip:") != std::string::npos);
    CHECK(world.calls_settled());
}

TEST_CASE("a callee that makes the gateway the session refresher gets its refresh") {
    CallWorld world;
    auto bob = callee(world, "session_timer");
    call_bob(world, "t1");
    REQUIRE(expect_jingle(*world.alice, "session-accept", "t1"));
    // Session-Expires 90 with the gateway refreshing: the refresh is due after half of it.
    REQUIRE(rig::poll_until([&] {
        world.alice->pump(100ms);
        const std::string log = bob->messages_log();
        return log.find("UPDATE sip:") != std::string::npos || log.find("INVITE sip:", log.find("ACK sip:")) != std::string::npos;
    }, 60s));
    hang_up(world, "t1");
    CHECK(bob->wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}
