// A real WebRTC client (StanzaJS + @roamhq/wrtc, alice) and a real SIP phone (baresip with ICE +
// DTLS-SRTP, bob) call each other through the gateway, in the test's own network: what each
// person would notice (ringing, the other's tone, the reason a call failed) and where the media
// went (straight between them, never to the gateway). Every case runs with Prosody and with
// ejabberd as the XMPP server.
#include "tests/interop/failed_calls.hpp"
#include "tests/interop/interop_world.hpp"
#include "tests/interop/media_capture.hpp"
#include "tests/interop/phone_media.hpp"
#include "tests/interop/process_sockets.hpp"
#include "tests/rig/readiness.hpp"

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

// "interop figure: ejabberd, outgoing call, ...: 170 ms" (BENCHMARKS.md, "Real clients").
void print_figure(const InteropWorld& world, const char* what, long ms) {
    std::printf("interop figure: %s, %s: %ld ms\n", server_name(world.server), what, ms);
}

// The client's ICE states of a session so far ("checking connected ..."): why there is no audio.
std::string ice_states(const WebRtcClient& client, const std::string& sid) {
    std::string states;
    for (const auto& e : client.events("ice")) {
        if (text(e, "sid") == sid) states += text(e, "state") + " ";
    }
    return states.empty() ? "none" : states;
}

}  // namespace

TEST_CASE_TEMPLATE("alice's WebRTC client calls baresip: each hears the other's tone over ICE + DTLS-SRTP, "
                   "the media bypasses the gateway, and her hang-up ends the phone's call", T, OnProsody, OnEjabberd) {
    InteropWorld world(T::server);
    auto bob = world.phone("bob", rig::BaresipMedia::ice_dtls_srtp);
    MediaCapture capture;

    const std::string sid = world.alice->command("call", {{"to", InteropWorld::contact("bob")}}).at("sid");
    const auto accepted = world.alice->wait_event("accepted", sid, 15s);
    REQUIRE(accepted);
    CHECK(bob->wait_call_established());
    const auto audio = world.alice->wait_event("audio", sid, 10s);
    INFO("ICE states seen by the client: " << ice_states(*world.alice, sid));
    REQUIRE(audio);
    print_figure(world, "outgoing call, start to session-accept", number(*accepted, "after_ms"));
    print_figure(world, "outgoing call, start to first audio heard", number(*audio, "after_ms"));

    const Fields stats = stats_after_two_seconds(*world.alice, sid);
    check_client_media(world, stats);

    world.alice->command("hangup", {{"sid", sid}});
    const auto closed = bob->wait_call_closed();
    REQUIRE(closed);
    check_phone_media(*bob);
    check_media_path(capture, world, stats);
    CHECK(world.calls_settled());
}

TEST_CASE_TEMPLATE("baresip calls alice: her client rings and answers, each hears the other's tone, and the "
                   "phone's hang-up ends her session", T, OnProsody, OnEjabberd) {
    InteropWorld world(T::server);
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
    print_figure(world, "incoming call, answer to first audio heard", number(*audio, "after_ms"));

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

// The calls that do not connect (failed_calls.hpp).

TEST_CASE_TEMPLATE("a phone that refuses the call: alice's client shows busy with the SIP status", T, OnProsody,
                   OnEjabberd) {
    InteropWorld world(T::server);
    phone_refuses_call(world);
}

TEST_CASE_TEMPLATE("a callee that declines: alice's client shows decline with the SIP status", T, OnProsody,
                   OnEjabberd) {
    InteropWorld world(T::server);
    callee_declines_call(world);
}

TEST_CASE_TEMPLATE("alice declines baresip's call: the phone gets 603 Decline", T, OnProsody, OnEjabberd) {
    InteropWorld world(T::server);
    alice_declines_call(world);
}

TEST_CASE_TEMPLATE("nobody answers baresip's call: alice's client sees timeout, the phone 480", T, OnProsody,
                   OnEjabberd) {
    InteropWorld world(T::server);  // ring_timeout_s = 4
    nobody_answers_call(world);
}

TEST_CASE_TEMPLATE("a plain-RTP phone called by the WebRTC client: the call fails at once with "
                   "incompatible-parameters and a text, never a silent call", T, OnProsody, OnEjabberd) {
    InteropWorld world(T::server);
    plain_rtp_phone_call(world);
}
