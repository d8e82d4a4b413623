#include "tests/rig/ejabberd_server.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "tests/rig/ejabberd_config.hpp"
#include "tests/rig/ports.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/text_file.hpp"

namespace gw::rig {
namespace {

constexpr const char* server_user = "ejabberd";
constexpr const char* ejabberdctl_path = "/usr/sbin/ejabberdctl";
constexpr auto start_timeout = std::chrono::seconds(30);
constexpr auto stop_timeout = std::chrono::seconds(15);

std::string accepting(std::uint16_t port, std::string_view module, std::string_view address = "127.0.0.1") {
  return "Start accepting TCP connections at " + std::string(address) + ":" + std::to_string(port) + " for " +
         std::string(module);
}

// ejabberdctl insists on running as the ejabberd user. setpriv (rather than ProcessOptions::user)
// switches to it *and then* sets the parent-death signal, which a change of user clears: the
// shell dies with the test, and the Erlang VM with the shell (ejabberd_erl_wrapper_text).
std::vector<std::string> as_server_user(std::vector<std::string> argv) {
  argv.insert(argv.begin(), {"setpriv", "--reuid=" + std::string(server_user), "--regid=" + std::string(server_user),
                             "--init-groups", "--pdeathsig", "KILL"});
  return argv;
}

// ejabberdctl sets ERL_LIBS to /usr/lib/<multiarch>, where Debian puts ejabberd's own code among
// ~1,400 other entries; the Erlang VM looks into each of them at boot, yielding its CPU between
// two looks, which on a busy machine took more than 30 s. `dir` gets a link to each entry there
// that holds Erlang code (ejabberd's, in practice), and the VM looks only there.
void link_erlang_libraries(const std::string& dir) {
  const std::string script = read_text_file(ejabberdctl_path);
  const std::string marker = "\nERL_LIBS='";
  const auto at = script.find(marker);
  const auto end = at == std::string::npos ? at : script.find('\'', at + marker.size());
  if (end == std::string::npos) {
    throw std::runtime_error(std::string("EjabberdServer: no ERL_LIBS='...' line in ") + ejabberdctl_path +
                             " (scripts/install-deps installs ejabberd)");
  }
  const std::filesystem::path libs = script.substr(at + marker.size(), end - at - marker.size());
  std::filesystem::create_directory(dir);
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(libs, ec)) {
    if (std::filesystem::is_directory(entry.path() / "ebin", ec)) {
      std::filesystem::create_directory_symlink(entry.path(), std::filesystem::path(dir) / entry.path().filename());
    }
  }
  if (std::filesystem::is_empty(dir)) {
    throw std::runtime_error("EjabberdServer: no Erlang application under " + libs.string());
  }
}

void check_user_name(const std::string& user) {
  if (user.empty() || user.find_first_of("@/\"'& \t\r\n<>:") != std::string::npos) {
    throw std::invalid_argument("EjabberdServer: '" + user + "' is not a usable XMPP user name");
  }
}

// The ejabberd user needs to own the spool, logs and its home (where Erlang keeps the cookie
// ejabberdctl uses to talk to the node).
void give_to_server_user(const std::string& dir) {
  const passwd* entry = ::getpwnam(server_user);
  if (entry == nullptr) {
    throw std::runtime_error("EjabberdServer: no '" + std::string(server_user) +
                             "' user (scripts/install-deps installs ejabberd)");
  }
  const auto give = [&](const std::string& path) {
    // lchown: the links to the system's Erlang libraries stay links to root's files.
    if (::lchown(path.c_str(), entry->pw_uid, entry->pw_gid) != 0) {
      throw std::runtime_error("EjabberdServer: chown " + path + ": " + std::strerror(errno) +
                               " (running ejabberd as the ejabberd user needs root)");
    }
  };
  give(dir);
  for (const auto& entry_path : std::filesystem::recursive_directory_iterator(dir)) give(entry_path.path().string());
}

}  // namespace

EjabberdServer::EjabberdServer(EjabberdOptions options)
    : options_(std::move(options)),
      c2s_port_(free_port()),
      component_port_(free_port()),
      dist_port_(free_port()),
      config_dir_(dir_.file("config")),
      log_path_(dir_.file("ejabberd.log")),
      pid_file_(dir_.file("ejabberd.pid")) {
  if (options_.websocket) http_port_ = free_port();
  for (const auto& [user, password] : options_.users) check_user_name(user);
  EjabberdLayout layout;
  layout.node = "ejabberd_" + std::to_string(dist_port_) + "@localhost";
  layout.pid_file = pid_file_;
  layout.c2s_port = c2s_port_;
  layout.component_port = component_port_;
  layout.http_port = http_port_;
  layout.dist_port = dist_port_;
  layout.erl_wrapper = config_dir_ + "/erl";
  std::filesystem::create_directory(config_dir_);
  std::filesystem::create_directory(dir_.file("logs"));
  std::filesystem::create_directory(dir_.file("spool"));
  write_text_file(config_dir_ + "/ejabberd.yml", ejabberd_config_text(options_, layout));
  write_text_file(config_dir_ + "/ejabberdctl.cfg", ejabberdctl_config_text(layout));
  write_text_file(config_dir_ + "/inetrc", ejabberd_inetrc_text());
  link_erlang_libraries(dir_.file("erl_libs"));
  write_text_file(layout.erl_wrapper, ejabberd_erl_wrapper_text(dir_.file("erl_libs")));
  std::filesystem::permissions(layout.erl_wrapper, std::filesystem::perms::owner_exec | std::filesystem::perms::group_exec |
                                                       std::filesystem::perms::others_exec,
                               std::filesystem::perm_options::add);
  give_to_server_user(dir_.path());
  pending_users_ = options_.users;
  start();
}

EjabberdServer::~EjabberdServer() {
  // Its data goes with the temp dir, so there is nothing to shut down cleanly.
  try {
    kill();
  } catch (...) {
  }
}

bool EjabberdServer::running() const { return process_ != nullptr; }

void EjabberdServer::start() {
  if (process_) return;
  ::unlink(pid_file_.c_str());
  process_ = std::make_unique<Process>(
      ProcessOptions{.argv = as_server_user({ejabberdctl_path, "--config-dir", config_dir_, "--logs", dir_.file("logs"),
                                             "--spool", dir_.file("spool"), "foreground"}),
                     .env_extra = {"HOME=" + dir_.path()},
                     .log_file = log_path_,
                     .cwd = dir_.path()});
  std::vector<std::string> markers = {accepting(c2s_port_, "ejabberd_c2s"),
                                      accepting(component_port_, "ejabberd_service")};
  if (options_.websocket) markers.push_back(accepting(http_port_, "ejabberd_http"));
  for (const auto& address : options_.extra_interfaces) {
    markers.push_back(accepting(c2s_port_, "ejabberd_c2s", address));
    if (options_.websocket) markers.push_back(accepting(http_port_, "ejabberd_http", address));
  }
  try {
    wait_until_ready(
        *process_, "ejabberd",
        [&] {
          const std::string log = process_->log();
          // It exits when a port is taken; the log names the port sooner.
          if (log.find("Failed to open socket") != std::string::npos) {
            throw_start_failure("ejabberd", "a port was taken", *process_);
          }
          for (const auto& marker : markers) {
            if (log.find(marker) == std::string::npos) return false;
          }
          return true;
        },
        start_timeout);
    while (!pending_users_.empty()) {
      register_user(pending_users_.front().first, pending_users_.front().second);
      pending_users_.erase(pending_users_.begin());
    }
  } catch (...) {
    process_.reset();
    throw;
  }
}

std::optional<int> EjabberdServer::stop() {
  if (!process_) return std::nullopt;
  // ejabberdctl is a shell waiting for the VM: SIGTERM to the shell would orphan the VM, while
  // the VM itself takes SIGTERM as "shut down cleanly" and the shell then exits with its status.
  std::optional<int> status;
  if (const auto vm = vm_pid()) {
    ::kill(*vm, SIGTERM);
    status = process_->wait_exit(stop_timeout);
  }
  if (!status) status = process_->stop(std::chrono::milliseconds(0));
  process_.reset();
  return status;
}

void EjabberdServer::kill() {
  if (!process_) return;
  // SIGTERM to the shell, then SIGKILL to the whole group at once: the VM gets no chance to
  // shut down.
  process_->stop(std::chrono::milliseconds(0));
  process_.reset();
}

void EjabberdServer::add_user(std::string user, std::string password) {
  check_user_name(user);
  if (!process_) {
    pending_users_.emplace_back(std::move(user), std::move(password));
    return;
  }
  register_user(user, password);
}

void EjabberdServer::register_user(const std::string& user, const std::string& password) {
  const std::string who = user + "@" + options_.domain;
  auto result = ejabberdctl({"register", user, options_.domain, password});
  if (result.status != 0 && result.output.find("already registered") != std::string::npos) {
    // change_password lives in mod_admin_extra; the core has unregister (which drops the roster).
    result = ejabberdctl({"unregister", user, options_.domain});
    if (result.status == 0) result = ejabberdctl({"register", user, options_.domain, password});
  }
  if (result.status != 0) {
    throw std::runtime_error("ejabberdctl: registering " + who + " failed (status " + std::to_string(result.status) +
                             "):\n" + last_lines(result.output));
  }
}

CommandResult EjabberdServer::ejabberdctl(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {ejabberdctl_path, "--config-dir", config_dir_, "--logs", dir_.file("logs"),
                                   "--spool", dir_.file("spool")};
  argv.insert(argv.end(), args.begin(), args.end());
  // Passwords are arguments of a short-lived local process; they are never logged.
  return run_command({.argv = as_server_user(argv), .env_extra = {"HOME=" + dir_.path()}, .cwd = dir_.path()});
}

std::optional<pid_t> EjabberdServer::vm_pid() const {
  const std::string text = read_text_file(pid_file_);
  char* end = nullptr;
  const long pid = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || pid <= 1) return std::nullopt;
  return static_cast<pid_t>(pid);
}

}  // namespace gw::rig
