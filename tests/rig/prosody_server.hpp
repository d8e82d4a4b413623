#pragma once
// A private Prosody 0.12 on 127.0.0.1 for one test: free ports, its own data directory,
// plaintext c2s (no TLS, SASL PLAIN/SCRAM allowed), one XEP-0114 component, optionally websocket.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tests/rig/temp_dir.hpp"

namespace gw::rig {

class Process;

struct ProsodyOptions {
  std::string domain = "localhost";          // the VirtualHost users live on
  std::string component = "sip.localhost";   // the XEP-0114 component address
  std::string component_secret = "test-secret";
  std::vector<std::pair<std::string, std::string>> users{};  // user, password
  bool websocket = false;                    // serve ws://127.0.0.1:http_port()/xmpp-websocket
  std::vector<std::string> extra_modules{};  // added to modules_enabled (e.g. "carbons")
  std::string extra_config{};                // Lua lines appended to the global section
  // More addresses (IP literals) for the c2s and http listeners besides 127.0.0.1: an address of
  // a network namespace the test made, for clients that run in another one.
  std::vector<std::string> extra_interfaces{};
};

class ProsodyServer {
 public:
  // Registers the users, starts Prosody and waits until its ports are open.
  // Throws std::runtime_error (reason + log tail) if it does not start.
  explicit ProsodyServer(ProsodyOptions options);
  ProsodyServer(const ProsodyServer&) = delete;
  ProsodyServer& operator=(const ProsodyServer&) = delete;
  ~ProsodyServer();  // SIGKILL: fast, and the data is thrown away anyway

  std::uint16_t c2s_port() const { return c2s_port_; }
  std::uint16_t component_port() const { return component_port_; }
  std::uint16_t http_port() const { return http_port_; }  // 0 unless websocket is on
  const ProsodyOptions& options() const { return options_; }

  void stop();   // graceful (SIGTERM, takes about 1 s); no-op if not running
  void start();  // again on the same ports and data; no-op if running
  void kill();   // SIGKILL, to simulate a crash
  bool running() const;

  // The log of all runs of this server (each start appends).
  const std::string& log_path() const { return log_path_; }
  // Registers (or re-registers) a user; works whether or not Prosody is running.
  void add_user(std::string user, std::string password);

 private:
  ProsodyOptions options_;
  TempDir dir_{"gw-prosody"};
  std::uint16_t c2s_port_;
  std::uint16_t component_port_;
  std::uint16_t http_port_ = 0;
  std::string config_path_;
  std::string log_path_;
  std::unique_ptr<Process> process_;
};

}  // namespace gw::rig
