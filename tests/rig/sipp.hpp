#pragma once
// sipp 3.6 as a scripted SIP peer on 127.0.0.1, running in the background while the test goes on.
//
// The built-in "uac" sends ACK and BYE to the R-URI of its INVITE and ignores Contact and
// Record-Route, so its calls only work directly against a UAS, not through Kamailio: for calls
// through a proxy use sipp_scenario("call_via_proxy").

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/rig/temp_dir.hpp"

namespace gw::rig {

class Process;

struct SippOptions {
  std::string scenario{};            // "uac", "uas" (built-in) or a path to an XML file
  std::string remote{};              // host:port to send to (uac); empty for uas
  std::uint16_t local_port = 0;      // 0: a free port is chosen
  std::vector<std::string> extra_args{};  // e.g. {"-m", "1", "-s", "bob"}
  // -key name value pairs: [name] in the scenario. Keys the scenario uses that are given
  // neither here nor as "-key" in extra_args get the defaults below (sipp refuses to start
  // when a [key] has no value).
  std::vector<std::pair<std::string, std::string>> keys{};
};

class Sipp {
 public:
  // Starts sipp (-nostdin, -i 127.0.0.1, message and error traces in its own temp dir) and
  // waits until its SIP port is bound, so a UAS is ready for calls when this returns.
  // Throws std::runtime_error (reason + output tail) if it cannot start.
  explicit Sipp(SippOptions options);
  Sipp(const Sipp&) = delete;
  Sipp& operator=(const Sipp&) = delete;
  ~Sipp();  // kills sipp if it is still running

  std::uint16_t port() const { return port_; }
  // sipp's exit code (0: all calls succeeded, 1: some failed, 97/99: ended without calls or by
  // command, 255: fatal error), or nullopt if it is still running after `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  std::string messages_log() const;  // -trace_msg: every message sent and received
  std::string errors_log() const;    // -trace_err: unexpected messages
  std::string scenario_log() const;  // -trace_logs: what the scenario's <log> actions wrote
  std::string output() const;        // stdout/stderr (final statistics screen, fatal errors)

 private:
  SippOptions options_;
  TempDir dir_{"gw-sipp"};
  std::uint16_t port_;
  std::unique_ptr<Process> process_;
};

// Path of one of the rig's own scenarios in tests/rig/scenarios (name without ".xml").
// Each works directly and through a record-routing proxy (Kamailio): in-dialog requests follow
// Contact and the recorded route set. SDP offers and answers carry PCMU (callers also
// telephone-event 101) with the audio port [audio_port].
//
// Keys (-key name value) and their defaults when not given:
//   audio_port       the m=audio port (default: a free port nobody listens on); an RtpProbe's
//                    port proves where the peer sends its media
//   caller           the caller's user in From (default "sipp")
//   caller_domain    the caller's host in From (default "127.0.0.1")
//   expect           the final code call_in_rejected (required) and call_in_no_sdp (488) expect
//   session_expires  Session-Expires of session_timer and call_in_session_timer (default 90)
// -d ms sets the length of every <pause/>.
//
// Callers (-s is the callee: the gateway's Contact token of a user, or a user at the proxy):
//   "call_via_proxy"         INVITE [service] from "sipp", ACK/BYE along Contact and Record-Route
//   "call_via_proxy_digest"  the same from [caller], answering a 407 first
//                            (-s callee -key caller user -au user -ap password)
//   "call_in"                INVITE, any 100/180/183, 200, ACK, pause, BYE, 200
//   "call_in_hangup_by_callee"  INVITE, 200, ACK, then expects the callee's BYE and answers 200
//   "call_in_cancel"         INVITE, 180, pause, CANCEL, expects 200 and 487 (either order), ACK
//   "call_in_rejected"       INVITE, expects the final failure [expect], ACK; other codes fail
//   "call_in_no_sdp"         INVITE without a body, expects [expect] (488), ACK
//   "call_in_hold"           answered call; pause, re-INVITE a=sendonly whose 200 must say
//                            recvonly or inactive, ACK; pause, re-INVITE a=sendrecv, 200, ACK;
//                            pause, BYE
//   "call_in_prack"          INVITE with Supported: 100rel; PRACKs a reliable 180/183, then 200,
//                            ACK, pause, BYE
//   "call_in_session_timer"  INVITE with Supported: timer; the 200 must make it the refresher;
//                            ACK, pause, UPDATE with Session-Expires, pause, BYE
// Callees (one call each; they exit when it is over):
//   "answer"                 180, 200 with Record-Route copied, then ACK and BYE
//   "answer_then_hangup"     180, 200, ACK, pause, then BYE from the callee, 200
//   "busy" / "decline" / "not_found"   486 / 603 / 404 at once, ACK
//   "ring_no_answer"         180, then waits for CANCEL: 200 and 487, ACK
//   "early_media"            183 with SDP, pause, 200 with SDP, ACK, then the caller's BYE
//   "hold_from_sip"          answers; pause, re-INVITE a=sendonly whose 200 must say recvonly
//                            or inactive, ACK; pause, re-INVITE a=sendrecv, 200, ACK; then BYE
//   "expect_hold"            answers; expects a re-INVITE with a=sendonly (200 a=recvonly),
//                            ACK; a re-INVITE that resumes (200 a=sendrecv), ACK; then BYE
//   "require_100rel"         needs Supported: 100rel; 180 with Require: 100rel and RSeq until
//                            the PRACK (200), then 200 with SDP, ACK, BYE
//   "session_timer"          needs Supported: timer; 200 with Require: timer and
//                            Session-Expires: [session_expires];refresher=uac, ACK; expects a
//                            refresh (UPDATE or re-INVITE) before the BYE
// Registrations:
//   "register"               REGISTER [service], expects 200 (-s user)
//   "register_digest"        REGISTER [service], expects 401, answers it, expects 200
//                            (-s user -au user -ap password)
// Throws std::invalid_argument for an unknown name.
std::string sipp_scenario(std::string_view name);

}  // namespace gw::rig
