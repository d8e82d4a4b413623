#include "tests/rig/kamailio_server.hpp"

#include <sstream>
#include <stdexcept>

#include "tests/rig/kamailio_config.hpp"
#include "tests/rig/ports.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/text_file.hpp"

namespace gw::rig {
namespace {

constexpr auto start_timeout = std::chrono::seconds(15);
constexpr auto kamcmd_timeout = std::chrono::seconds(5);
constexpr std::string_view static_contact_expires = "86400";

// "Address: sip:..." lines of `kamcmd ul.lookup` output.
std::vector<std::string> addresses_in(const std::string& output) {
  std::vector<std::string> result;
  std::istringstream lines(output);
  std::string line;
  constexpr std::string_view key = "Address: ";
  while (std::getline(lines, line)) {
    const auto pos = line.find(key);
    if (pos != std::string::npos) result.push_back(line.substr(pos + key.size()));
  }
  return result;
}

void check_argument(std::string_view what, std::string_view value) {
  if (value.empty() || value.find_first_of(" \t\r\n") != std::string_view::npos) {
    throw std::invalid_argument("KamailioServer: bad " + std::string(what) + " '" + std::string(value) + "'");
  }
}

}  // namespace

KamailioServer::KamailioServer(KamailioOptions options) : options_(std::move(options)), port_(free_port()) {
  config_path_ = dir_.file("kamailio.cfg");
  log_path_ = dir_.file("kamailio.log");
  ctl_address_ = "unix:" + dir_.file("ctl");
  write_text_file(config_path_, kamailio_config_text(options_, {.port = port_, .ctl_address = ctl_address_}));
  start();
}

KamailioServer::~KamailioServer() = default;

bool KamailioServer::running() const { return process_ != nullptr; }

void KamailioServer::start() {
  if (process_) return;
  // -DD: stay in the foreground (workers are still forked, in our process group); -E: log to
  // stderr; -Y: runtime dir of this instance. Small memory pools: tests share the machine.
  process_ = std::make_unique<Process>(ProcessOptions{
      .argv = {"kamailio", "-f", config_path_, "-DD", "-E", "-Y", dir_.path(), "-P", dir_.file("kamailio.pid"),
               "-m", "64", "-M", "8"},
      .log_file = log_path_,
      .cwd = dir_.path()});
  try {
    // The control socket answers once the workers run, so SIP is served by then too.
    wait_until_ready(
        *process_, "Kamailio",
        [&] {
          const auto result = run_command({.argv = {"kamcmd", "-s", ctl_address_, "core.version"}}, kamcmd_timeout);
          return result.status == 0 && result.output.find("kamailio") != std::string::npos;
        },
        start_timeout);
  } catch (...) {
    process_.reset();
    throw;
  }
}

void KamailioServer::stop() {
  if (!process_) return;
  process_->stop();
  process_.reset();
}

std::string KamailioServer::kamcmd(const std::vector<std::string>& args) {
  if (!process_) throw std::logic_error("KamailioServer: kamcmd while Kamailio is stopped");
  std::vector<std::string> argv = {"kamcmd", "-s", ctl_address_};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = run_command({.argv = argv}, kamcmd_timeout);
  if (result.status != 0) {
    throw std::runtime_error("kamcmd " + args.front() + " failed (status " + std::to_string(result.status) +
                             "): " + result.output);
  }
  return result.output;
}

std::vector<std::string> KamailioServer::contacts(std::string_view user) {
  check_argument("user", user);
  const std::string output = kamcmd({"ul.lookup", "location", std::string(user)});
  // kamcmd exits 0 on RPC errors too; an unknown AoR is the one expected error.
  if (output.find("AOR not found") != std::string::npos) return {};
  if (output.starts_with("error")) throw std::runtime_error("kamcmd ul.lookup " + std::string(user) + ": " + output);
  return addresses_in(output);
}

void KamailioServer::add_static_contact(std::string_view user, std::string_view contact_uri) {
  check_argument("user", user);
  check_argument("contact", contact_uri);
  // ul.add table AoR contact expires q path flags cflags methods ("s:" is an empty string;
  // 4294967295: all methods).
  const std::string output = kamcmd({"ul.add", "location", std::string(user), std::string(contact_uri),
                                     std::string(static_contact_expires), "1.0", "s:", "0", "0", "4294967295"});
  if (output.starts_with("error")) {
    throw std::runtime_error("kamcmd ul.add " + std::string(user) + " " + std::string(contact_uri) + ": " + output);
  }
}

}  // namespace gw::rig
