#include "tests/rig/prosody_server.hpp"

#include <csignal>
#include <filesystem>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "tests/rig/ports.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/prosody_config.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/text_file.hpp"

namespace gw::rig {
namespace {

constexpr auto start_timeout = std::chrono::seconds(15);

// True when the log has the line "Activated service 'c2s' on [127.0.0.1]:PORT" (with extra
// interfaces the addresses come in any order: "on [10.0.0.1]:PORT, [127.0.0.1]:PORT").
bool activated(const std::string& log, std::string_view service, std::uint16_t port,
               const std::vector<std::string>& extra_interfaces) {
  const std::string head = "Activated service '" + std::string(service) + "' on ";
  for (auto at = log.find(head); at != std::string::npos; at = log.find(head, at + 1)) {
    const std::string line = log.substr(at, log.find('\n', at) - at);
    bool all = line.find("[127.0.0.1]:" + std::to_string(port)) != std::string::npos;
    for (const auto& address : extra_interfaces) {
      all = all && line.find("[" + address + "]:" + std::to_string(port)) != std::string::npos;
    }
    if (all) return true;
  }
  return false;
}

void check_user_name(const std::string& user) {
  if (user.empty() || user.find_first_of("@/\"'& \t\r\n<>:") != std::string::npos) {
    throw std::invalid_argument("ProsodyServer: '" + user + "' is not a usable XMPP user name");
  }
}

}  // namespace

ProsodyServer::ProsodyServer(ProsodyOptions options)
    : options_(std::move(options)), c2s_port_(free_port()), component_port_(free_port()) {
  if (options_.websocket) http_port_ = free_port();
  ProsodyLayout layout;
  layout.data_dir = dir_.file("data");
  layout.certs_dir = dir_.file("certs");  // empty: only keeps Prosody from looking elsewhere
  layout.pid_file = dir_.file("prosody.pid");
  layout.c2s_port = c2s_port_;
  layout.component_port = component_port_;
  layout.http_port = http_port_;
  std::filesystem::create_directory(layout.data_dir);
  std::filesystem::create_directory(layout.certs_dir);
  config_path_ = dir_.file("prosody.cfg.lua");
  log_path_ = dir_.file("prosody.log");
  write_text_file(config_path_, prosody_config_text(options_, layout));
  for (const auto& [user, password] : options_.users) add_user(user, password);
  start();
}

ProsodyServer::~ProsodyServer() {
  // Its data goes with the temp dir, so there is nothing to shut down cleanly; a graceful stop
  // would cost a second per test (Prosody waits that long for sessions to close).
  try {
    kill();
  } catch (...) {
  }
}

bool ProsodyServer::running() const { return process_ != nullptr; }

void ProsodyServer::start() {
  if (process_) return;
  process_ = std::make_unique<Process>(
      ProcessOptions{.argv = {"prosody", "-F", "--config", config_path_}, .log_file = log_path_});
  const std::vector<std::string> no_extra;
  std::vector<std::tuple<std::string_view, std::uint16_t, const std::vector<std::string>*>> services = {
      {"c2s", c2s_port_, &options_.extra_interfaces}, {"component", component_port_, &no_extra}};
  if (options_.websocket) services.emplace_back("http", http_port_, &options_.extra_interfaces);
  try {
    wait_until_ready(
        *process_, "Prosody",
        [&] {
          const std::string log = process_->log();
          // Prosody keeps running when a port is taken; the log is the only sign.
          if (log.find("Failed to open server port") != std::string::npos) {
            throw_start_failure("Prosody", "a port was taken", *process_);
          }
          for (const auto& [service, port, extra] : services) {
            if (!activated(log, service, port, *extra)) return false;
          }
          return true;
        },
        start_timeout);
  } catch (...) {
    process_.reset();
    throw;
  }
}

void ProsodyServer::stop() {
  if (!process_) return;
  process_->stop();
  process_.reset();
}

void ProsodyServer::kill() {
  if (!process_) return;
  process_->signal(SIGKILL);
  process_->wait_exit(std::chrono::seconds(10));
  process_.reset();
}

void ProsodyServer::add_user(std::string user, std::string password) {
  check_user_name(user);
  // The password is an argument of a short-lived local process; it is never logged.
  const auto result = run_command(
      {.argv = {"prosodyctl", "--config", config_path_, "register", user, options_.domain, password},
       .cwd = dir_.path()});
  if (result.status != 0) {
    throw std::runtime_error("prosodyctl register " + user + "@" + options_.domain + " failed (status " +
                             std::to_string(result.status) + "):\n" + last_lines(result.output));
  }
}

}  // namespace gw::rig
