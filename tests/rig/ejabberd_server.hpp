#pragma once
// A private ejabberd 23.01 on 127.0.0.1 for one test (or one test file): free ports, its own
// config, spool and log directories, plaintext c2s (no TLS, SASL PLAIN/SCRAM allowed), one
// XEP-0114 component, optionally websocket. Same shape as ProsodyServer, so tests can use either.
//
// It runs `ejabberdctl foreground` as the `ejabberd` user (ejabberdctl insists on it; this needs
// root, as PostgresServer does). The Erlang node listens for ejabberdctl on a free port of
// 127.0.0.1 and never starts or uses epmd.

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/rig/temp_dir.hpp"

namespace gw::rig {

class Process;
struct CommandResult;

struct EjabberdOptions {
  std::string domain = "localhost";          // the virtual host users live on
  std::string component = "sip.localhost";   // the XEP-0114 component address
  std::string component_secret = "test-secret";
  std::vector<std::pair<std::string, std::string>> users{};  // user, password
  bool websocket = false;                    // serve ws://127.0.0.1:http_port()/xmpp-websocket
  std::vector<std::string> extra_modules{};  // added to modules (e.g. "mod_vcard")
  std::string extra_config{};                // YAML lines appended at the top level
  // More addresses (IP literals) for the c2s and http listeners besides 127.0.0.1, on the same
  // ports: an address of a network namespace the test made, for clients that run in another one.
  std::vector<std::string> extra_interfaces{};
};

class EjabberdServer {
 public:
  // Starts ejabberd, waits until its ports are open, then registers the users.
  // Throws std::runtime_error (reason + log tail) if it does not start.
  explicit EjabberdServer(EjabberdOptions options);
  EjabberdServer(const EjabberdServer&) = delete;
  EjabberdServer& operator=(const EjabberdServer&) = delete;
  ~EjabberdServer();  // SIGKILL: fast, and the data is thrown away anyway

  std::uint16_t c2s_port() const { return c2s_port_; }
  std::uint16_t component_port() const { return component_port_; }
  std::uint16_t http_port() const { return http_port_; }  // 0 unless websocket is on
  const EjabberdOptions& options() const { return options_; }

  // Graceful (SIGTERM to the Erlang VM, which shuts ejabberd down); returns the exit status
  // (0 after a clean shutdown), or nullopt if it was not running.
  std::optional<int> stop();
  void start();  // again on the same ports and spool (users are kept); no-op if running
  void kill();   // SIGKILL, to simulate a crash
  bool running() const;

  // The console log of all runs of this server (each start appends).
  const std::string& log_path() const { return log_path_; }
  // Registers a user (again, with an empty roster, if it exists). ejabberdctl needs the node
  // running: while it is stopped, the user is registered on the next start().
  void add_user(std::string user, std::string password);

 private:
  void register_user(const std::string& user, const std::string& password);
  // Runs `ejabberdctl <args>` against this node.
  CommandResult ejabberdctl(const std::vector<std::string>& args) const;
  // The OS pid of the Erlang VM (ejabberdctl runs it as a child of a shell), from its pid file.
  std::optional<pid_t> vm_pid() const;

  EjabberdOptions options_;
  TempDir dir_{"gw-ejabberd"};
  std::uint16_t c2s_port_;
  std::uint16_t component_port_;
  std::uint16_t http_port_ = 0;
  std::uint16_t dist_port_;
  std::string config_dir_;
  std::string log_path_;
  std::string pid_file_;
  std::vector<std::pair<std::string, std::string>> pending_users_;
  std::unique_ptr<Process> process_;
};

}  // namespace gw::rig
