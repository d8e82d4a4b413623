#include "tests/rig/spawn.hpp"

#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string_view>

extern char** environ;

namespace gw::rig::detail {
namespace {

std::string find_executable(const std::string& name) {
  if (name.empty()) throw std::runtime_error("cannot start a process: empty argv");
  if (name.find('/') != std::string::npos) return name;
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  // Daemons live in sbin (kamailio); root's PATH has it, a test runner's may not.
  dirs += ":/usr/local/sbin:/usr/sbin:/sbin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const auto end = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = dirs.substr(start, end - start);
    if (!dir.empty()) {
      const std::string candidate = dir + "/" + name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    start = end + 1;
  }
  throw std::runtime_error("'" + name + "' not found in PATH (scripts/install-deps installs the test servers)");
}

std::vector<std::string> merged_environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view current(*entry);
    const auto name = current.substr(0, current.find('=') + 1);
    bool replaced = false;
    for (const auto& e : extra) replaced = replaced || e.starts_with(name);
    if (!replaced) env.emplace_back(current);
  }
  for (const auto& e : extra) {
    if (e.find('=') == std::string::npos) throw std::invalid_argument("env entry without '=': " + e);
    env.push_back(e);
  }
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> result;
  result.reserve(strings.size() + 1);
  for (auto& s : strings) result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}

struct Identity {
  uid_t uid;
  gid_t gid;
};

Identity look_up_user(const std::string& user) {
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  const int rc = ::getpwnam_r(user.c_str(), &entry, buffer.data(), buffer.size(), &found);
  if (rc != 0 || found == nullptr) throw std::runtime_error("unknown user '" + user + "'");
  return {entry.pw_uid, entry.pw_gid};
}

// What the child reports through the pipe when it cannot exec.
struct ChildFailure {
  int step;
  int error;
};
constexpr const char* step_names[] = {"setpgid", "prctl", "dup2", "chdir", "setgroups", "setgid",
                                      "setuid", "execve"};

[[noreturn]] void child_fail(int pipe_fd, int step) {
  const ChildFailure failure{step, errno};
  [[maybe_unused]] auto written = ::write(pipe_fd, &failure, sizeof failure);
  ::_exit(127);
}

// Runs in the forked child of a possibly multi-threaded parent: only async-signal-safe calls.
[[noreturn]] void run_child(pid_t parent, int report_fd, int null_fd, int output_fd, const char* cwd,
                            const Identity* identity, const char* program, char* const* argv,
                            char* const* envp) {
  if (::setpgid(0, 0) != 0) child_fail(report_fd, 0);
  // A crashed or killed test must not leave servers behind.
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) child_fail(report_fd, 1);
  if (::getppid() != parent) ::_exit(127);

  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  struct sigaction defaults{};
  defaults.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) ::sigaction(sig, &defaults, nullptr);  // ignored ones too

  if (::dup2(null_fd, 0) < 0 || ::dup2(output_fd, 1) < 0 || ::dup2(output_fd, 2) < 0) {
    child_fail(report_fd, 2);
  }
  // Sockets of the test (XMPP clients...) must not live on in a server: a client's close would
  // then never reach the peer.
  ::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);

  if (cwd != nullptr && ::chdir(cwd) != 0) child_fail(report_fd, 3);
  if (identity != nullptr) {
    if (::setgroups(1, &identity->gid) != 0) child_fail(report_fd, 4);
    if (::setgid(identity->gid) != 0) child_fail(report_fd, 5);
    if (::setuid(identity->uid) != 0) child_fail(report_fd, 6);
    // Changing the user clears the parent-death signal: set it again, and check the parent
    // did not die in between.
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) child_fail(report_fd, 1);
    if (::getppid() != parent) ::_exit(127);
  }
  ::execve(program, argv, envp);
  child_fail(report_fd, 7);
}

}  // namespace

pid_t spawn_in_new_group(const SpawnRequest& request) {
  if (request.argv.empty()) throw std::invalid_argument("cannot start a process: empty argv");
  if (request.output_fd < 0) throw std::invalid_argument("spawn: output_fd is not set");
  const std::string program = find_executable(request.argv.front());
  std::vector<std::string> argv_strings = request.argv;
  std::vector<std::string> env_strings = merged_environment(request.env_extra);
  const auto argv = c_strings(argv_strings);
  const auto envp = c_strings(env_strings);
  std::optional<Identity> identity;
  if (!request.user.empty()) identity = look_up_user(request.user);

  const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0) throw std::runtime_error(std::string("cannot open /dev/null: ") + std::strerror(errno));
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) {
    ::close(null_fd);
    throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
  }

  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(report[0]);
    run_child(parent, report[1], null_fd, request.output_fd,
              request.cwd.empty() ? nullptr : request.cwd.c_str(),
              identity ? &*identity : nullptr, program.c_str(), argv.data(), envp.data());
  }
  const int fork_errno = errno;
  ::close(report[1]);
  ::close(null_fd);
  if (pid < 0) {
    ::close(report[0]);
    throw std::runtime_error(std::string("fork: ") + std::strerror(fork_errno));
  }
  // Also set the group from the parent: whoever runs first, kill(-pid) works once we return.
  ::setpgid(pid, pid);

  ChildFailure failure{};
  ssize_t got;
  do {
    got = ::read(report[0], &failure, sizeof failure);
  } while (got < 0 && errno == EINTR);
  ::close(report[0]);
  if (got == static_cast<ssize_t>(sizeof failure)) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    const bool known = failure.step >= 0 && failure.step < static_cast<int>(std::size(step_names));
    throw std::runtime_error("cannot start " + program + ": " + (known ? step_names[failure.step] : "setup") +
                             " failed: " + std::strerror(failure.error));
  }
  return pid;
}

int decode_wait_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace gw::rig::detail
