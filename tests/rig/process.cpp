#include "tests/rig/process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include "tests/rig/child_groups.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/spawn.hpp"
#include "tests/rig/text_file.hpp"

namespace gw::rig {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

int open_log(const std::string& path) {
  const int fd = path.empty() ? ::open("/dev/null", O_WRONLY | O_CLOEXEC)
                              : ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw std::runtime_error("cannot open log file '" + path + "': " + std::strerror(errno));
  }
  return fd;
}

detail::SpawnRequest request_for(const ProcessOptions& options, int output_fd) {
  return {options.argv, options.env_extra, options.cwd, options.user, output_fd};
}

}  // namespace

Process::Process(ProcessOptions options) : options_(std::move(options)) {
  log_offset_ = options_.log_file.empty() ? 0 : file_size_or_zero(options_.log_file);
  const Fd log_fd(open_log(options_.log_file));
  pid_ = detail::spawn_in_new_group(request_for(options_, log_fd.get()));
  detail::register_child_group(pid_);
}

Process::~Process() {
  try {
    stop();
  } catch (...) {
    // Already SIGKILLed; nothing more a destructor can do.
  }
}

bool Process::reap() {
  if (exit_status_) return true;
  int status = 0;
  pid_t got;
  do {
    got = ::waitpid(pid_, &status, WNOHANG);
  } while (got < 0 && errno == EINTR);
  if (got == 0) return false;
  exit_status_ = got == pid_ ? detail::decode_wait_status(status) : -1;
  // Workers a server forked (Kamailio, PostgreSQL) must not outlive it.
  ::kill(-pid_, SIGKILL);
  detail::unregister_child_group(pid_);
  return true;
}

bool Process::exited_without_reaping() const {
  if (exit_status_) return true;
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0) return true;
  return info.si_pid == pid_;
}

bool Process::running() { return !reap(); }

void Process::signal(int sig) {
  if (!reap()) ::kill(pid_, sig);
}

std::optional<int> Process::wait_exit(milliseconds timeout) {
  if (!poll_until([this] { return reap(); }, timeout)) return std::nullopt;
  return exit_status_;
}

int Process::stop(milliseconds grace) {
  if (reap()) return *exit_status_;
  ::kill(pid_, SIGTERM);
  if (auto status = wait_exit(grace)) return *status;
  ::kill(-pid_, SIGKILL);
  // SIGKILL cannot be ignored; the wait is bounded only to never hang a test run.
  if (auto status = wait_exit(std::chrono::seconds(10))) return *status;
  throw std::runtime_error("process " + std::to_string(pid_) + " survived SIGKILL");
}

std::string Process::log() const {
  return options_.log_file.empty() ? std::string() : read_text_file_from(options_.log_file, log_offset_);
}

bool Process::wait_for_log(std::string_view needle, milliseconds timeout) const {
  bool found = false;
  poll_until(
      [&] {
        // Check for an exit before reading, so output written just before exiting is still seen.
        const bool exited = exited_without_reaping();
        found = log().find(needle) != std::string::npos;
        return found || exited;
      },
      timeout);
  return found;
}

CommandResult run_command(const ProcessOptions& options, milliseconds timeout) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
  const Fd read_end(pipe_fds[0]);
  pid_t pid;
  {
    const Fd write_end(pipe_fds[1]);
    pid = detail::spawn_in_new_group(request_for(options, write_end.get()));
  }
  detail::register_child_group(pid);

  CommandResult result;
  const auto deadline = Clock::now() + timeout;
  bool timed_out = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd pfd{read_end.get(), POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    char buffer[4096];
    const ssize_t got = ::read(read_end.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;  // EOF: the command (and whatever inherited its output) is done
    result.output.append(buffer, static_cast<std::size_t>(got));
  }
  if (timed_out) ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::kill(-pid, SIGKILL);
  detail::unregister_child_group(pid);
  if (timed_out) {
    throw std::runtime_error("'" + options.argv.front() + "' did not finish within " +
                             std::to_string(timeout.count()) + " ms; output:\n" + last_lines(result.output));
  }
  result.status = detail::decode_wait_status(status);
  return result;
}

bool wait_for_tcp_port(std::uint16_t port, milliseconds timeout) {
  return poll_until(
      [port] {
        const Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        if (fd.get() < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
      },
      timeout);
}

}  // namespace gw::rig
