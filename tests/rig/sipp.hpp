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
#include <vector>

#include "tests/rig/temp_dir.hpp"

namespace gw::rig {

class Process;

struct SippOptions {
  std::string scenario{};            // "uac", "uas" (built-in) or a path to an XML file
  std::string remote{};              // host:port to send to (uac); empty for uas
  std::uint16_t local_port = 0;      // 0: a free port is chosen
  std::vector<std::string> extra_args{};  // e.g. {"-m", "1", "-s", "bob"}
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
  std::string output() const;        // stdout/stderr (final statistics screen, fatal errors)

 private:
  SippOptions options_;
  TempDir dir_{"gw-sipp"};
  std::uint16_t port_;
  std::unique_ptr<Process> process_;
};

// Path of one of the rig's own scenarios in tests/rig/scenarios (name without ".xml"):
//   "register"               REGISTER [service], expects 200 (-s user)
//   "register_digest"        REGISTER [service], expects 401, answers it, expects 200
//                            (-s user -au user -ap password)
//   "call_via_proxy"         INVITE [service] from "sipp", ACK/BYE along Contact and Record-Route
//   "call_via_proxy_digest"  the same from [caller], answering a 407 first
//                            (-s callee -key caller user -au user -ap password)
//   "answer"                 a callee for one call: 180, 200 with Record-Route copied, then ACK
//                            and BYE; exits right after (the built-in uas lingers 4 s)
// Throws std::invalid_argument for an unknown name.
std::string sipp_scenario(std::string_view name);

}  // namespace gw::rig
