// A real WebRTC client (StanzaJS + @roamhq/wrtc, alice) and a real SIP phone (baresip with ICE +
// DTLS-SRTP, bob) call each other through the gateway, in the test's own network: what each
// person would notice (ringing, the other's tone, the reason a call failed) and where the media
// went (straight between them, never to the gateway).
#include "tests/interop/interop_world.hpp"
#include "tests/interop/media_capture.hpp"
#include "tests/interop/phone_media.hpp"
#include "tests/interop/process_sockets.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/sipp.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace gw;
using namespace gw::interop;
using namespace std::chrono_literals;

namespace {

constexpr double kPhoneToneHz = 440;   // baresip's ausine
constexpr double kClientToneHz = 770;  // WebRtcClientOptions::tone_hz
constexpr double kToneTolerance = 10;  // Hz: G.711 at 8 kHz keeps a tone's pitch exactly
constexpr double kHeardRms = 1000;     // both tones are sent far louder (full scale 32768)

// What alice heard and sent while talking: the phone's tone, RTP both ways, over the pair ICE
// selected between her host and the phone's.
void check_client_media(const InteropWorld& world, const Fields& stats) {
    INFO("client stats: codec " << text(stats, "codec") << ", " << text(stats, "local") << " <-> "
                                << text(stats, "remote"));
    CHECK(number(stats, "packets_sent") > 0);
    CHECK(number(stats, "packets_received") > 0);
    CHECK(decimal(stats, "heard_hz") == doctest::Approx(kPhoneToneHz).epsilon(kToneTolerance / kPhoneToneHz));
    CHECK(decimal(stats, "heard_rms") > kHeardRms);
    CHECK(text(stats, "local").starts_with(world.network.client_address + ":"));
    CHECK(text(stats, "remote").starts_with(world.network.host_address + ":"));
}

// What the phone heard (alice's tone, decoded from SRTP), once its call has ended. (baresip
// 1.0 reports no RTP counts of its own: callstat prints no media statistics, and rtcpsummary
// prints only what RTCP reports said, when one came; check_media_path counts its packets.)
void check_phone_media(const rig::Baresip& phone) {
    const auto heard = phone_heard(phone);
    REQUIRE(heard);
    CHECK(heard->frequency == doctest::Approx(kClientToneHz).epsilon(kToneTolerance / kClientToneHz));
    CHECK(heard->rms > kHeardRms);
}

// Every RTP, RTCP, DTLS and STUN datagram the capture saw on the gateway's host (where the phone
// is) went between the two ends of the pair alice's client selected, none to or from a port of
// the gateway, and RTP went both ways: the phone's packet counts, seen from its host.
void check_media_path(const MediaCapture& capture, const InteropWorld& world, const Fields& stats) {
    const auto gateway_ports = bound_ports(world.gateway->process().pid());
    REQUIRE_FALSE(gateway_ports.empty());
    const std::string client = text(stats, "local");
    const std::string phone = text(stats, "remote");
    std::size_t to_phone = 0, to_client = 0;
    for (const auto& [flow, count] : capture.flows()) {
        if (flow.kind == DatagramKind::other) continue;
        INFO(datagram_kind_name(flow.kind) << " " << flow.source << " -> " << flow.destination << " x" << count);
        for (const std::string& end : {flow.source, flow.destination}) {
            const auto port = static_cast<std::uint16_t>(std::stoi(end.substr(end.rfind(':') + 1)));
            CHECK_FALSE(gateway_ports.contains(port));
        }
        if (flow.kind != DatagramKind::rtp) continue;
        CHECK(((flow.source == client && flow.destination == phone) || (flow.source == phone && flow.destination == client)));
        (flow.destination == phone ? to_phone : to_client) += count;
    }
    CHECK(to_phone > 0);
    CHECK(to_client > 0);
}

void print_figure(const char* what, long ms) { std::printf("interop figure: %s: %ld ms\n", what, ms); }

// The client's ICE states of a session so far ("checking connected ..."): why there is no audio.
std::string ice_states(const WebRtcClient& client, const std::string& sid) {
    std::string states;
    for (const auto& e : client.events("ice")) {
        if (text(e, "sid") == sid) states += text(e, "state") + " ";
    }
    return states.empty() ? "none" : states;
}

}  // namespace

TEST_CASE("alice's WebRTC client calls baresip: each hears the other's tone over ICE + DTLS-SRTP, "
          "the media bypasses the gateway, and her hang-up ends the phone's call") {
    InteropWorld world;
    auto bob = world.phone("bob", rig::BaresipMedia::ice_dtls_srtp);
    MediaCapture capture;

    const std::string sid = world.alice->command("call", {{"to", InteropWorld::contact("bob")}}).at("sid");
    const auto accepted = world.alice->wait_event("accepted", sid, 15s);
    REQUIRE(accepted);
    CHECK(bob->wait_call_established());
    const auto audio = world.alice->wait_event("audio", sid, 10s);
    INFO("ICE states seen by the client: " << ice_states(*world.alice, sid));
    REQUIRE(audio);
    print_figure("outgoing call, start to session-accept", number(*accepted, "after_ms"));
    print_figure("outgoing call, start to first audio heard", number(*audio, "after_ms"));

    const Fields stats = stats_after_two_seconds(*world.alice, sid);
    check_client_media(world, stats);

    world.alice->command("hangup", {{"sid", sid}});
    const auto closed = bob->wait_call_closed();
    REQUIRE(closed);
    check_phone_media(*bob);
    check_media_path(capture, world, stats);
    CHECK(world.calls_settled());
}

TEST_CASE("baresip calls alice: her client rings and answers, each hears the other's tone, and the "
          "phone's hang-up ends her session") {
    InteropWorld world;
    auto bob = world.phone("bob", rig::BaresipMedia::ice_dtls_srtp);
    MediaCapture capture;

    bob->dial(world.carol_uri());
    const auto incoming = world.alice->wait_event("incoming", "", 15s);
    REQUIRE(incoming);
    const std::string sid = text(*incoming, "sid");
    // The caller shows as bob%127.0.0.1\3aPORT@sip.localhost/sip (XEP-0106 escaped port).
    CHECK(text(*incoming, "peer").starts_with("bob%127.0.0.1\\3a"));
    CHECK(text(*incoming, "peer").ends_with(std::string("@") + kComponent + "/sip"));
    CHECK(bob->wait_event("CALL_RINGING", 10s));

    world.alice->command("answer", {{"sid", sid}});
    CHECK(bob->wait_call_established());
    const auto audio = world.alice->wait_event("audio", sid, 10s);
    INFO("ICE states seen by the client: " << ice_states(*world.alice, sid));
    REQUIRE(audio);
    print_figure("incoming call, answer to first audio heard", number(*audio, "after_ms"));

    const Fields stats = stats_after_two_seconds(*world.alice, sid);
    check_client_media(world, stats);

    bob->hangup();
    const auto ended = world.alice->wait_event("terminated", sid);
    REQUIRE(ended);
    CHECK(text(*ended, "reason") == "success");
    REQUIRE(bob->wait_call_closed());
    check_phone_media(*bob);
    check_media_path(capture, world, stats);
    CHECK(world.calls_settled());
}

TEST_CASE("a phone that refuses the call: alice's client shows busy with the SIP status") {
    InteropWorld world;
    auto bob = world.phone("bob", rig::BaresipMedia::ice_dtls_srtp, rig::BaresipAnswerMode::manual);

    const std::string sid = world.alice->command("call", {{"to", InteropWorld::contact("bob")}}).at("sid");
    REQUIRE(bob->wait_incoming_call(15s));
    CHECK(world.alice->wait_event("ringing", sid));
    bob->hangup();  // baresip rejects a ringing call with 486
    const auto ended = world.alice->wait_event("terminated", sid);
    REQUIRE(ended);
    CHECK(text(*ended, "reason") == "busy");
    CHECK(text(*ended, "text").find("486") != std::string::npos);
    CHECK(world.alice->events("accepted").empty());
    CHECK(world.calls_settled());
}

TEST_CASE("a callee that declines: alice's client shows decline with the SIP status") {
    InteropWorld world;
    // baresip cannot answer 603; sipp's decline callee does (ringing first), whatever the offer.
    rig::Sipp dave({.scenario = rig::sipp_scenario("decline"), .extra_args = {"-m", "1"}});
    world.kamailio.add_static_contact("dave", "sip:dave@127.0.0.1:" + std::to_string(dave.port()));

    const std::string sid = world.alice->command("call", {{"to", InteropWorld::contact("dave")}}).at("sid");
    const auto ended = world.alice->wait_event("terminated", sid, 15s);
    REQUIRE(ended);
    CHECK(text(*ended, "reason") == "decline");
    CHECK(text(*ended, "text").find("603") != std::string::npos);
    CHECK(dave.wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

TEST_CASE("alice declines baresip's call: the phone gets 603 Decline") {
    InteropWorld world;
    auto bob = world.phone("bob", rig::BaresipMedia::ice_dtls_srtp);

    bob->dial(world.carol_uri());
    const auto incoming = world.alice->wait_event("incoming", "", 15s);
    REQUIRE(incoming);
    world.alice->command("decline", {{"sid", text(*incoming, "sid")}});
    const auto closed = bob->wait_call_closed();
    REQUIRE(closed);
    CHECK(closed->param == "603 Decline");  // what the phone shows
    CHECK(world.calls_settled());
}

TEST_CASE("nobody answers baresip's call: alice's client sees timeout, the phone 480") {
    InteropWorld world;  // ring_timeout_s = 4
    auto bob = world.phone("bob", rig::BaresipMedia::ice_dtls_srtp);

    bob->dial(world.carol_uri());
    const auto incoming = world.alice->wait_event("incoming", "", 15s);
    REQUIRE(incoming);
    const auto ended = world.alice->wait_event("terminated", text(*incoming, "sid"), 15s);
    REQUIRE(ended);
    CHECK(text(*ended, "reason") == "timeout");
    const auto closed = bob->wait_call_closed();
    REQUIRE(closed);
    CHECK(closed->param == "480 Temporarily Unavailable");  // what the phone shows
    CHECK(world.calls_settled());
}

TEST_CASE("a plain-RTP phone called by the WebRTC client: the call fails at once with "
          "incompatible-parameters and a text, never a silent call") {
    InteropWorld world;
    auto carl = world.phone("carl", rig::BaresipMedia::plain_rtp);

    const std::string sid = world.alice->command("call", {{"to", InteropWorld::contact("carl")}}).at("sid");
    const auto ended = world.alice->wait_event("terminated", sid, 15s);
    REQUIRE(ended);
    CHECK(text(*ended, "reason") == "incompatible-parameters");
    CHECK_FALSE(text(*ended, "text").empty());
    INFO("reason text: " << text(*ended, "text"));
    CHECK(world.alice->events("accepted").empty());
    CHECK_FALSE(carl->wait_call_established(0ms));
    CHECK(world.calls_settled());
}
