// baresip as the rig's real SIP phone, with Kamailio, sipp and the RTP probe: registration with
// digest auth, answering (automatically and by command), dialling, hanging up, hold from SIP,
// and where its media goes.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/rig/baresip.hpp"
#include "tests/rig/kamailio_server.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/rtp_probe.hpp"
#include "tests/rig/sipp.hpp"

namespace rig = gw::rig;
using namespace std::chrono_literals;

namespace {

std::string address_of(const rig::KamailioServer& kamailio) { return "127.0.0.1:" + std::to_string(kamailio.port()); }

// A sipp caller (one call) through Kamailio to `user`, offering media to `audio_port`.
std::unique_ptr<rig::Sipp> call_through(const rig::KamailioServer& kamailio, std::string_view scenario,
                                        std::string_view user, std::uint16_t audio_port,
                                        std::vector<std::string> args = {}) {
  args.insert(args.begin(), {"-m", "1", "-s", std::string(user)});
  return std::make_unique<rig::Sipp>(rig::SippOptions{.scenario = rig::sipp_scenario(scenario),
                                                      .remote = address_of(kamailio),
                                                      .extra_args = std::move(args),
                                                      .keys = {{"audio_port", std::to_string(audio_port)}}});
}

// The first message of a sipp message log that starts with `start_line`, up to the separator line.
std::string first_message(const std::string& log, std::string_view start_line) {
  const auto begin = log.find(start_line);
  if (begin == std::string::npos) return {};
  const auto end = log.find("\n-----", begin);
  return log.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

bool from_baresip_rtp_port(const std::string& source, const rig::Baresip& phone) {
  if (!source.starts_with("127.0.0.1:")) return false;
  const int port = std::stoi(source.substr(10));
  return port >= phone.rtp_port_min() && port <= phone.rtp_port_max();
}

}  // namespace

TEST_CASE("baresip registered with digest answers a call through Kamailio and sends PCMU to the offer's port") {
  rig::KamailioServer kamailio({.users = {{"bob", "bob-pw"}}});
  rig::Baresip bob({.user = "bob", .registrar_port = kamailio.port(), .password = "bob-pw"});
  REQUIRE_MESSAGE(bob.wait_registered(), bob.log());
  const auto contacts = kamailio.contacts("bob");
  REQUIRE(contacts.size() == 1);
  CHECK(contacts[0].find("@127.0.0.1:" + std::to_string(bob.sip_port())) != std::string::npos);
  CHECK(bob.log().find("bob-pw") == std::string::npos);

  rig::RtpProbe probe;
  const auto caller = call_through(kamailio, "call_in", "bob", probe.port(), {"-d", "3000"});
  const auto established = bob.wait_call_established(10s);
  REQUIRE_MESSAGE(established, bob.log());
  CHECK(established->direction == "incoming");
  CHECK(established->peer_uri == "sip:sipp@127.0.0.1");

  // Media goes from baresip's own RTP ports straight to the port in the offer.
  REQUIRE_MESSAGE(probe.wait_for_packets(20, 10s), bob.log());
  const auto types = probe.payload_types();
  CHECK(types.size() == 1);
  CHECK(types.begin()->first == 0);  // PCMU
  const auto sources = probe.sources();
  REQUIRE(sources.size() == 1);
  CHECK_MESSAGE(from_baresip_rtp_port(*sources.begin(), bob), *sources.begin(), " is not in ", bob.rtp_port_min(),
                "-", bob.rtp_port_max(), "\n", bob.log());

  CHECK_MESSAGE(caller->wait_exit(15s) == 0, caller->messages_log());
  CHECK(bob.wait_call_closed(10s).has_value());
  CHECK(bob.list_calls().empty());
}

TEST_CASE("baresip dials a sipp callee through Kamailio, answering the proxy's challenge, and hangs up") {
  rig::KamailioServer kamailio({.users = {{"bob", "bob-pw"}}});
  rig::Baresip bob({.user = "bob", .registrar_port = kamailio.port(), .password = "bob-pw"});
  REQUIRE_MESSAGE(bob.wait_registered(), bob.log());

  rig::RtpProbe probe;
  rig::Sipp carol({.scenario = rig::sipp_scenario("answer"),
                   .extra_args = {"-m", "1"},
                   .keys = {{"audio_port", std::to_string(probe.port())}}});
  kamailio.add_static_contact("carol", "sip:carol@127.0.0.1:" + std::to_string(carol.port()));
  bob.dial("sip:carol@" + address_of(kamailio));
  const auto established = bob.wait_call_established(10s);
  REQUIRE_MESSAGE(established, bob.log(), carol.messages_log());
  CHECK(established->direction == "outgoing");
  const auto calls = bob.list_calls();
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].state == "ESTABLISHED");
  CHECK(calls[0].peer_uri.starts_with("sip:carol@" + address_of(kamailio)));

  const std::string invite = first_message(carol.messages_log(), "INVITE sip:");
  CHECK(invite.find("Proxy-Authorization") == std::string::npos);  // consumed by Kamailio
  CHECK(invite.find("m=audio") != std::string::npos);
  CHECK(invite.find("RTP/AVP 0 8 101") != std::string::npos);  // PCMU, PCMA, telephone-event
  CHECK(invite.find("a=rtpmap:101 telephone-event/8000") != std::string::npos);
  REQUIRE(probe.wait_for_packets(5, 10s));

  bob.hangup();
  CHECK(bob.wait_call_closed(10s).has_value());
  CHECK_MESSAGE(carol.wait_exit(10s) == 0, carol.messages_log());
}

TEST_CASE("baresip in manual answer mode rings until told to answer; hangup rejects a call") {
  rig::KamailioServer kamailio({});
  rig::Baresip dave({.user = "dave", .answer_mode = rig::BaresipAnswerMode::manual});
  // No registrar: the test gives Kamailio the phone's address.
  kamailio.add_static_contact("dave", dave.contact_uri());
  CHECK(dave.registration_state().empty());

  rig::RtpProbe probe;
  const auto answered = call_through(kamailio, "call_in", "dave", probe.port(), {"-d", "500"});
  const auto incoming = dave.wait_incoming_call(10s);
  REQUIRE_MESSAGE(incoming, dave.log());
  auto calls = dave.list_calls();
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].state == "INCOMING");
  CHECK_FALSE(dave.wait_call_established(500ms).has_value());
  dave.answer();
  const auto established = dave.wait_call_established(10s, incoming->call_id);
  REQUIRE(established);
  CHECK_MESSAGE(answered->wait_exit(15s) == 0, answered->messages_log());
  CHECK(dave.wait_call_closed(10s, incoming->call_id).has_value());

  const auto rejected = call_through(kamailio, "call_in_rejected", "dave", probe.port(), {"-key", "expect", "486"});
  REQUIRE(dave.wait_incoming_call(10s));
  dave.hangup();
  CHECK_MESSAGE(rejected->wait_exit(15s) == 0, rejected->messages_log(), rejected->scenario_log());
}

TEST_CASE("baresip follows hold and resume from hold_from_sip, directly and through Kamailio") {
  rig::KamailioServer kamailio({});
  rig::Baresip bob({.user = "bob"});
  for (const bool through_kamailio : {false, true}) {
    CAPTURE(through_kamailio);
    rig::Sipp carol({.scenario = rig::sipp_scenario("hold_from_sip"), .extra_args = {"-m", "1", "-d", "300"}});
    const std::string carol_address = "127.0.0.1:" + std::to_string(carol.port());
    if (through_kamailio) kamailio.add_static_contact("carol", "sip:carol@" + carol_address);
    bob.dial("sip:carol@" + (through_kamailio ? address_of(kamailio) : carol_address));
    const auto established = bob.wait_call_established(10s);
    REQUIRE_MESSAGE(established, bob.log());

    // hold_from_sip resumes and then waits for the caller's BYE: its 2nd re-INVITE has CSeq 2.
    const bool resumed = rig::poll_until(
        [&] { return carol.messages_log().find("CSeq: 2 ACK") != std::string::npos; }, 10s);
    REQUIRE_MESSAGE(resumed, carol.messages_log());
    bob.hangup();
    CHECK(bob.wait_call_closed(10s, established->call_id).has_value());
    CHECK_MESSAGE(carol.wait_exit(10s) == 0, carol.messages_log());
    const std::string log = carol.messages_log();
    CHECK(log.find("a=recvonly") != std::string::npos);  // baresip's answer to the hold
    const bool routed = log.find("Route: <sip:" + address_of(kamailio)) != std::string::npos;
    CHECK(routed == through_kamailio);
  }
}

TEST_CASE("baresip with ICE and DTLS-SRTP offers UDP/TLS/RTP/SAVPF and refuses a plain RTP offer") {
  rig::KamailioServer kamailio({});
  rig::Baresip webrtc({.user = "erin", .media = rig::BaresipMedia::ice_dtls_srtp});
  kamailio.add_static_contact("erin", webrtc.contact_uri());

  rig::RtpProbe probe;
  const auto plain = call_through(kamailio, "call_in_rejected", "erin", probe.port(), {"-key", "expect", "488"});
  CHECK_MESSAGE(plain->wait_exit(15s) == 0, plain->messages_log(), plain->scenario_log());

  rig::Sipp frank({.scenario = rig::sipp_scenario("answer"), .extra_args = {"-m", "1"}});
  webrtc.dial("sip:frank@127.0.0.1:" + std::to_string(frank.port()));
  REQUIRE(rig::poll_until([&] { return frank.messages_log().find("INVITE sip:frank") != std::string::npos; }, 10s));
  const std::string offer = frank.messages_log();
  CHECK(offer.find("UDP/TLS/RTP/SAVPF") != std::string::npos);
  CHECK(offer.find("a=fingerprint:SHA-256") != std::string::npos);
  CHECK(offer.find("a=ice-ufrag:") != std::string::npos);
  CHECK(offer.find("a=setup:actpass") != std::string::npos);
  webrtc.hangup();
  CHECK(webrtc.wait_call_closed(10s).has_value());
}

TEST_CASE("baresip's account line carries the options and refuses what would break it") {
  CHECK(rig::baresip_account_line({.user = "bob", .registrar_port = 5070, .password = "pw"}, 6000) ==
        "<sip:bob@127.0.0.1:5070;transport=udp>;regint=60;auth_pass=pw;answermode=auto\n");
  CHECK(rig::baresip_account_line({.user = "eve", .answer_mode = rig::BaresipAnswerMode::manual,
                                   .media = rig::BaresipMedia::ice_dtls_srtp},
                                  6000) ==
        "<sip:eve@127.0.0.1:6000;transport=udp>;regint=0;answermode=manual;medianat=ice;mediaenc=dtls_srtp\n");
  CHECK_THROWS_AS(rig::baresip_account_line({.user = "bob", .password = "a;b"}, 6000), std::invalid_argument);
  CHECK_THROWS_AS(rig::baresip_account_line({.user = "b@b"}, 6000), std::invalid_argument);
  CHECK_THROWS_AS(rig::baresip_account_line({.user = ""}, 6000), std::invalid_argument);
}
