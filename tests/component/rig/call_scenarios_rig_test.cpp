// The rig's sipp call scenarios, each paired with a partner (another rig scenario), once directly
// and once through Kamailio (record-routing proxy, static contact for the callee): both ends must
// finish their one call successfully, or fail where the pairing is meant to fail.
#include <doctest/doctest.h>

#include <memory>

#include "tests/rig/kamailio_server.hpp"
#include "tests/rig/sipp.hpp"

namespace rig = gw::rig;
using namespace std::chrono_literals;

namespace {

enum class Path { direct, via_kamailio };

std::string name_of(Path path) { return path == Path::direct ? "direct" : "through Kamailio"; }

std::size_t count(const std::string& text, std::string_view needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

struct Call {
  std::unique_ptr<rig::Sipp> callee;
  std::unique_ptr<rig::Sipp> caller;
  std::optional<int> callee_status;
  std::optional<int> caller_status;
};

// Starts the callee (one call), then the caller (one call) aimed at it directly or through
// Kamailio, and waits for both to exit. Every call has a callee user of its own ("bob1", "bob2"
// ...): Kamailio forks an INVITE to every contact of a user, and earlier callees are gone.
Call place_call(Path path, rig::KamailioServer& kamailio, std::string_view callee_scenario,
                std::vector<std::string> callee_args, std::string_view caller_scenario,
                std::vector<std::string> caller_args) {
  static int calls = 0;
  const std::string user = "bob" + std::to_string(++calls);
  Call call;
  callee_args.insert(callee_args.begin(), {"-m", "1"});
  call.callee = std::make_unique<rig::Sipp>(
      rig::SippOptions{.scenario = rig::sipp_scenario(callee_scenario), .extra_args = std::move(callee_args)});
  const std::string callee_address = "127.0.0.1:" + std::to_string(call.callee->port());
  std::string remote = callee_address;
  if (path == Path::via_kamailio) {
    kamailio.add_static_contact(user, "sip:" + user + "@" + callee_address);
    remote = "127.0.0.1:" + std::to_string(kamailio.port());
  }
  caller_args.insert(caller_args.begin(), {"-m", "1", "-s", user});
  call.caller = std::make_unique<rig::Sipp>(rig::SippOptions{
      .scenario = rig::sipp_scenario(caller_scenario), .remote = remote, .extra_args = std::move(caller_args)});
  call.caller_status = call.caller->wait_exit(30s);
  call.callee_status = call.callee->wait_exit(10s);
  return call;
}

// Both ends succeeded; the logs say why not.
void check_success(const Call& call) {
  CHECK_MESSAGE(call.caller_status == 0, call.caller->messages_log(), call.caller->scenario_log());
  CHECK_MESSAGE(call.callee_status == 0, call.callee->messages_log(), call.callee->scenario_log());
}

const Path paths[] = {Path::direct, Path::via_kamailio};

}  // namespace

TEST_CASE("answer_then_hangup: the callee's BYE reaches call_in_hangup_by_callee along the route set") {
  rig::KamailioServer kamailio({});
  for (const Path path : paths) {
    CAPTURE(name_of(path));
    const Call call = place_call(path, kamailio, "answer_then_hangup", {"-d", "200"}, "call_in_hangup_by_callee", {});
    check_success(call);
    const std::string callee_log = call.callee->messages_log();
    CHECK(callee_log.find("BYE sip:sipp@127.0.0.1:" + std::to_string(call.caller->port())) != std::string::npos);
    const bool routed = callee_log.find("Route: <sip:127.0.0.1:" + std::to_string(kamailio.port())) != std::string::npos;
    CHECK(routed == (path == Path::via_kamailio));
    CHECK(call.caller->messages_log().find("m=audio") != std::string::npos);
  }
}

TEST_CASE("busy, decline and not_found answer with their code, as call_in_rejected expects") {
  rig::KamailioServer kamailio({});
  const std::pair<const char*, const char*> cases[] = {
      {"busy", "486"}, {"decline", "603"}, {"not_found", "404"}};
  for (const Path path : paths) {
    for (const auto& [scenario, code] : cases) {
      CAPTURE(name_of(path));
      CAPTURE(std::string(scenario));
      const Call call = place_call(path, kamailio, scenario, {}, "call_in_rejected", {"-key", "expect", code});
      check_success(call);
      CHECK(call.caller->messages_log().find(std::string("SIP/2.0 ") + code) != std::string::npos);
      CHECK(call.caller->scenario_log().find(std::string("final response ") + code) != std::string::npos);
    }
  }
}

TEST_CASE("call_in_rejected fails on another code than the expected one, and without an expectation") {
  rig::KamailioServer kamailio({});
  const Call wrong = place_call(Path::via_kamailio, kamailio, "busy", {}, "call_in_rejected", {"-key", "expect", "603"});
  CHECK(wrong.caller_status != 0);
  CHECK(wrong.callee_status == 0);  // the 486 was still acknowledged
  CHECK(wrong.caller->scenario_log().find("final response 486, expected 603") != std::string::npos);

  // call_via_proxy, which expects a 200, sees the 486 and fails its call.
  const Call plain = place_call(Path::via_kamailio, kamailio, "busy", {}, "call_via_proxy", {});
  CHECK(plain.caller_status != 0);
  CHECK(plain.caller->messages_log().find("SIP/2.0 486 Busy Here") != std::string::npos);

  // Without -key expect sipp refuses the scenario at once and says why.
  rig::Sipp unset({.scenario = rig::sipp_scenario("call_in_rejected"),
                   .remote = "127.0.0.1:" + std::to_string(kamailio.port()),
                   .extra_args = {"-m", "1", "-s", "bob"}});
  CHECK(unset.wait_exit(10s).value_or(0) != 0);
  CHECK(unset.output().find("Unsupported keyword 'expect'") != std::string::npos);
}

TEST_CASE("call_in_rejected and call_in_no_sdp see Kamailio's 404 for a user nobody registered") {
  rig::KamailioServer kamailio({});
  for (const std::string scenario : {"call_in_rejected", "call_in_no_sdp"}) {
    CAPTURE(scenario);
    rig::Sipp caller({.scenario = rig::sipp_scenario(scenario),
                      .remote = "127.0.0.1:" + std::to_string(kamailio.port()),
                      .extra_args = {"-m", "1", "-s", "nobody", "-key", "expect", "404"}});
    CHECK_MESSAGE(caller.wait_exit(20s) == 0, caller.messages_log());
  }
}

TEST_CASE("call_in_no_sdp sends an INVITE without a body and expects 488 unless told otherwise") {
  rig::KamailioServer kamailio({});
  for (const Path path : paths) {
    CAPTURE(name_of(path));
    const Call told = place_call(path, kamailio, "busy", {}, "call_in_no_sdp", {"-key", "expect", "486"});
    check_success(told);
    const std::string invite = told.callee->messages_log();
    CHECK(invite.find("INVITE sip:bob") != std::string::npos);
    CHECK(invite.find("Content-Length: 0") != std::string::npos);
    CHECK(invite.find("v=0") == std::string::npos);

    const Call default_488 = place_call(path, kamailio, "busy", {}, "call_in_no_sdp", {});
    CHECK(default_488.caller_status != 0);
    CHECK(default_488.caller->scenario_log().find("final response 486, expected 488") != std::string::npos);
  }
}

TEST_CASE("ring_no_answer rings until call_in_cancel cancels: 200, 487, ACK") {
  rig::KamailioServer kamailio({});
  for (const Path path : paths) {
    CAPTURE(name_of(path));
    const Call call = place_call(path, kamailio, "ring_no_answer", {}, "call_in_cancel", {"-d", "300"});
    check_success(call);
    const std::string caller_log = call.caller->messages_log();
    CHECK(caller_log.find("SIP/2.0 180 Ringing") != std::string::npos);
    CHECK(caller_log.find("CANCEL sip:bob") != std::string::npos);
    CHECK(caller_log.find("SIP/2.0 487 Request Terminated") != std::string::npos);
    CHECK(call.callee->messages_log().find("CANCEL sip:bob") != std::string::npos);
  }
}

TEST_CASE("early_media sends 183 with SDP before the 200; call_in takes it and hangs up") {
  rig::KamailioServer kamailio({});
  for (const Path path : paths) {
    CAPTURE(name_of(path));
    const Call call = place_call(path, kamailio, "early_media", {"-d", "300"}, "call_in", {});
    check_success(call);
    const std::string caller_log = call.caller->messages_log();
    const auto progress = caller_log.find("SIP/2.0 183 Session Progress");
    REQUIRE(progress != std::string::npos);
    CHECK(caller_log.find("m=audio", progress) != std::string::npos);
    CHECK(caller_log.find("SIP/2.0 200 OK", progress) != std::string::npos);
    CHECK(call.callee->messages_log().find("BYE sip:") != std::string::npos);
  }
}

TEST_CASE("expect_hold is held and resumed by call_in_hold") {
  rig::KamailioServer kamailio({});
  for (const Path path : paths) {
    CAPTURE(name_of(path));
    const Call call = place_call(path, kamailio, "expect_hold", {}, "call_in_hold", {"-d", "100"});
    check_success(call);
    const std::string callee_log = call.callee->messages_log();
    CHECK(count(callee_log, "a=sendonly") == 1);  // received
    CHECK(count(callee_log, "a=recvonly") == 1);  // answered
    CHECK(count(callee_log, "CSeq: 3 INVITE") >= 1);
  }
}

TEST_CASE("expect_hold fails a call that is never held") {
  rig::KamailioServer kamailio({});
  const Call call = place_call(Path::direct, kamailio, "expect_hold", {}, "call_in", {});
  CHECK(call.caller_status == 0);
  CHECK(call.callee_status != 0);
}

TEST_CASE("require_100rel gets its PRACK from call_in_prack") {
  rig::KamailioServer kamailio({});
  for (const Path path : paths) {
    CAPTURE(name_of(path));
    const Call call = place_call(path, kamailio, "require_100rel", {}, "call_in_prack", {});
    check_success(call);
    const std::string callee_log = call.callee->messages_log();
    CHECK(callee_log.find("Require: 100rel") != std::string::npos);
    CHECK(callee_log.find("PRACK sip:") != std::string::npos);
    CHECK(callee_log.find("RAck: 1 1 INVITE") != std::string::npos);
  }
}

TEST_CASE("require_100rel fails a caller that does not support 100rel") {
  rig::KamailioServer kamailio({});
  const Call call = place_call(Path::direct, kamailio, "require_100rel", {}, "call_in", {"-recv_timeout", "3000"});
  CHECK(call.callee_status != 0);
  CHECK(call.caller_status != 0);
}

TEST_CASE("session_timer makes call_in_session_timer refresh before the BYE") {
  rig::KamailioServer kamailio({});
  for (const Path path : paths) {
    CAPTURE(name_of(path));
    const Call call = place_call(path, kamailio, "session_timer", {"-key", "session_expires", "120"},
                                 "call_in_session_timer", {"-key", "session_expires", "120", "-d", "100"});
    check_success(call);
    const std::string callee_log = call.callee->messages_log();
    CHECK(callee_log.find("Session-Expires: 120;refresher=uac") != std::string::npos);
    CHECK(callee_log.find("UPDATE sip:") != std::string::npos);
  }
}

TEST_CASE("session_timer fails a caller that does not support session timers") {
  rig::KamailioServer kamailio({});
  const Call without_timer = place_call(Path::direct, kamailio, "session_timer", {}, "call_in", {"-recv_timeout", "3000"});
  CHECK(without_timer.callee_status != 0);
}
