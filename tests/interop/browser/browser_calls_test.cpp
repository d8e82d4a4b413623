// Headless Chromium (a StanzaJS web page on the browser's own WebRTC, browser/client.js) as
// alice, and baresip with ICE + DTLS-SRTP as bob, through the gateway in the test's own network:
// each hears the other's tone, the browser's getStats() counts RTP both ways over the pair ICE
// selected, a hang-up on either side ends the call on both, and the calls that fail show why.
// Every case runs with Prosody and with ejabberd as the XMPP server. Meson runs this binary with
// INTEROP_CLIENT_DIR pointing here, so InteropWorld's alice is the browser.
#include "tests/interop/failed_calls.hpp"
#include "tests/interop/interop_world.hpp"
#include "tests/interop/phone_media.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace gw;
using namespace gw::interop;
using namespace std::chrono_literals;

namespace {

constexpr double kPhoneToneHz = 440;    // baresip's ausine
constexpr double kBrowserToneHz = 770;  // WebRtcClientOptions::tone_hz: the fake capture WAV
constexpr double kToneTolerance = 10;   // Hz
constexpr double kHeardRms = 1000;      // both tones are sent far louder (full scale 32768)

// What the browser's user heard (the AnalyserNode on the played remote track) and what its
// getStats() says went each way, between her host and the phone's.
void check_browser_media(const InteropWorld& world, const Fields& stats) {
    INFO("browser stats: codec " << text(stats, "codec") << ", " << text(stats, "local") << " <-> "
                                 << text(stats, "remote") << ", heard at " << text(stats, "heard_rate") << " Hz");
    CHECK(number(stats, "packets_sent") > 0);
    CHECK(number(stats, "packets_received") > 0);
    CHECK(decimal(stats, "heard_hz") == doctest::Approx(kPhoneToneHz).epsilon(kToneTolerance / kPhoneToneHz));
    CHECK(decimal(stats, "heard_rms") > kHeardRms);
    CHECK(text(stats, "local").starts_with(world.network.client_address + ":"));
    CHECK(text(stats, "remote").starts_with(world.network.host_address + ":"));
}

// What the phone decoded once its call ended: the browser's fake-capture tone.
void check_phone_media(const rig::Baresip& phone) {
    const auto heard = phone_heard(phone);
    REQUIRE(heard);
    CHECK(heard->frequency == doctest::Approx(kBrowserToneHz).epsilon(kToneTolerance / kBrowserToneHz));
    CHECK(heard->rms > kHeardRms);
}

void print_figure(const InteropWorld& world, const char* what, long ms) {
    std::printf("interop figure: browser, %s, %s: %ld ms\n", server_name(world.server), what, ms);
}

std::string ice_states(const WebRtcClient& browser, const std::string& sid) {
    std::string states;
    for (const auto& e : browser.events("ice")) {
        if (text(e, "sid") == sid) states += text(e, "state") + " ";
    }
    return states.empty() ? "none" : states;
}

}  // namespace

TEST_CASE_TEMPLATE("alice's browser calls baresip: each hears the other's tone over ICE + DTLS-SRTP, and her "
                   "hang-up ends the phone's call", T, OnProsody, OnEjabberd) {
    InteropWorld world(T::server);
    auto bob = world.phone("bob", rig::BaresipMedia::ice_dtls_srtp);

    const std::string sid = world.alice->command("call", {{"to", InteropWorld::contact("bob")}}).at("sid");
    const auto accepted = world.alice->wait_event("accepted", sid, 15s);
    REQUIRE(accepted);
    CHECK(bob->wait_call_established());
    const auto audio = world.alice->wait_event("audio", sid, 10s);
    INFO("ICE states seen by the browser: " << ice_states(*world.alice, sid));
    REQUIRE(audio);
    print_figure(world, "outgoing call, start to session-accept", number(*accepted, "after_ms"));
    print_figure(world, "outgoing call, start to first audio heard", number(*audio, "after_ms"));

    const Fields stats = stats_after_two_seconds(*world.alice, sid);
    check_browser_media(world, stats);

    world.alice->command("hangup", {{"sid", sid}});
    REQUIRE(bob->wait_call_closed());
    check_phone_media(*bob);
    CHECK(world.calls_settled());
}

TEST_CASE_TEMPLATE("baresip calls alice's browser: it rings and answers, each hears the other's tone, and the "
                   "phone's hang-up ends her session", T, OnProsody, OnEjabberd) {
    InteropWorld world(T::server);
    auto bob = world.phone("bob", rig::BaresipMedia::ice_dtls_srtp);

    bob->dial(world.carol_uri());
    const auto incoming = world.alice->wait_event("incoming", "", 15s);
    REQUIRE(incoming);
    const std::string sid = text(*incoming, "sid");
    CHECK(bob->wait_event("CALL_RINGING", 10s));

    world.alice->command("answer", {{"sid", sid}});
    CHECK(bob->wait_call_established());
    const auto audio = world.alice->wait_event("audio", sid, 10s);
    INFO("ICE states seen by the browser: " << ice_states(*world.alice, sid));
    REQUIRE(audio);
    print_figure(world, "incoming call, answer to first audio heard", number(*audio, "after_ms"));

    const Fields stats = stats_after_two_seconds(*world.alice, sid);
    check_browser_media(world, stats);

    bob->hangup();
    const auto ended = world.alice->wait_event("terminated", sid);
    REQUIRE(ended);
    CHECK(text(*ended, "reason") == "success");
    REQUIRE(bob->wait_call_closed());
    check_phone_media(*bob);
    CHECK(world.calls_settled());
}

// The calls that do not connect, as the browser shows them (failed_calls.hpp).

TEST_CASE_TEMPLATE("a phone that refuses the browser's call: it shows busy with the SIP status", T, OnProsody,
                   OnEjabberd) {
    InteropWorld world(T::server);
    phone_refuses_call(world);
}

TEST_CASE_TEMPLATE("a callee that declines the browser's call: it shows decline with the SIP status", T, OnProsody,
                   OnEjabberd) {
    InteropWorld world(T::server);
    callee_declines_call(world);
}

TEST_CASE_TEMPLATE("alice declines baresip's call in the browser: the phone gets 603 Decline", T, OnProsody,
                   OnEjabberd) {
    InteropWorld world(T::server);
    alice_declines_call(world);
}

TEST_CASE_TEMPLATE("nobody answers baresip's call in the browser: it sees timeout, the phone 480", T, OnProsody,
                   OnEjabberd) {
    InteropWorld world(T::server);  // ring_timeout_s = 4
    nobody_answers_call(world);
}

TEST_CASE_TEMPLATE("a plain-RTP phone called by the browser: the call fails at once with incompatible-parameters "
                   "and a text, never a silent call", T, OnProsody, OnEjabberd) {
    InteropWorld world(T::server);
    plain_rtp_phone_call(world);
}
