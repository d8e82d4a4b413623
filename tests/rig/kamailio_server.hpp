#pragma once
// A private Kamailio 5.6 on 127.0.0.1 (UDP and TCP on one port): registrar with an in-memory
// location table and record-routing proxy, optionally demanding digest auth from known users.
//
// Routing: in-dialog requests follow Route (loose_route) or are relayed when the R-URI is not
// Kamailio itself; REGISTER is saved; other requests for Kamailio's own domain are looked up
// in the location table (404 if nobody is registered); requests for other hosts are relayed.
// With users: REGISTER To one of them needs WWW auth (401); INVITE From one of them needs proxy
// auth (407). Wrong credentials are challenged again. Requests from other users pass unchallenged.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/rig/temp_dir.hpp"

namespace gw::rig {

class Process;

struct KamailioOptions {
  std::string domain = "127.0.0.1";  // the SIP domain it serves, and the digest realm
  std::vector<std::pair<std::string, std::string>> users{};  // user, password; non-empty: digest auth
};

class KamailioServer {
 public:
  // Starts Kamailio and waits until it answers on its control socket.
  // Throws std::runtime_error (reason + log tail) if it does not start.
  explicit KamailioServer(KamailioOptions options);
  KamailioServer(const KamailioServer&) = delete;
  KamailioServer& operator=(const KamailioServer&) = delete;
  ~KamailioServer();

  std::uint16_t port() const { return port_; }
  const KamailioOptions& options() const { return options_; }
  void stop();   // graceful; the location table is lost (it is in memory only)
  void start();  // again on the same port; no-op if running
  bool running() const;

  // The registered Contact URIs of `user` (empty if none), read with kamcmd on the control socket.
  std::vector<std::string> contacts(std::string_view user);
  // Adds a registration by hand (for a sipp UAS that does not REGISTER), valid for a day.
  void add_static_contact(std::string_view user, std::string_view contact_uri);

  // The log of all runs of this server (each start appends).
  const std::string& log_path() const { return log_path_; }

 private:
  std::string kamcmd(const std::vector<std::string>& args);

  KamailioOptions options_;
  TempDir dir_{"gw-kamailio"};
  std::uint16_t port_;
  std::string config_path_;
  std::string log_path_;
  std::string ctl_address_;
  std::unique_ptr<Process> process_;
};

}  // namespace gw::rig
