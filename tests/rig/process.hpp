#pragma once
// A child process owned by a test: started in its own process group, output to a log file,
// always stopped (the whole group) when the object goes away.
//
// The child also gets SIGKILL when the *thread* that started it ends (PR_SET_PDEATHSIG), so a
// crashed test leaves nothing behind: start servers from the test's own thread, not from a
// helper thread that finishes early.

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::rig {

// The {} initializers let callers use designated initializers for just the fields they need.
struct ProcessOptions {
  std::vector<std::string> argv{};       // argv[0] is looked up in PATH (plus the sbin dirs)
  std::vector<std::string> env_extra{};  // "NAME=value", added to or replacing our environment
  std::string log_file{};                // stdout+stderr are appended here; empty: discarded
  std::string cwd{};                     // empty: inherit
  std::string user{};                    // empty: inherit; else run as that user (needs root)
};

// Exit statuses are reported as one number: the exit code, or 128 + signal if it was killed
// (the shell's convention: 143 for SIGTERM, 137 for SIGKILL).
class Process {
 public:
  // Spawns; throws std::runtime_error if the program cannot be started.
  explicit Process(ProcessOptions options);
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  // Stops the process (SIGTERM, SIGKILL after 5 s) and kills what is left of its group.
  ~Process();

  pid_t pid() const { return pid_; }
  bool running();
  // SIGTERM to the process, SIGKILL to its group if it has not exited after `grace`.
  // Returns the exit status; once the process has exited, whatever remains of its group is
  // SIGKILLed too (nothing of a stopped server may linger).
  int stop(std::chrono::milliseconds grace = std::chrono::seconds(5));
  // Sends `sig` to the process (not the group); ignored once it has exited.
  void signal(int sig);
  // The exit status, or nullopt if it is still running after `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  // What the process wrote to its log file since it started (earlier runs that appended to the
  // same file are left out).
  std::string log() const;
  // Polls the log until it contains `needle`; false on timeout or if the process exited without
  // writing it.
  bool wait_for_log(std::string_view needle, std::chrono::milliseconds timeout) const;
  const std::string& log_file() const { return options_.log_file; }

 private:
  bool reap();
  bool exited_without_reaping() const;

  ProcessOptions options_;
  pid_t pid_ = -1;
  std::size_t log_offset_ = 0;
  std::optional<int> exit_status_;
};

struct CommandResult {
  int status = -1;     // as Process: exit code or 128 + signal
  std::string output;  // stdout and stderr, interleaved
};

// Runs a command to completion and captures its output (options.log_file is ignored).
// Throws std::runtime_error if it cannot be started or does not finish within `timeout`
// (it is killed then).
CommandResult run_command(const ProcessOptions& options,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Polls until a TCP connect to 127.0.0.1:port succeeds; false on timeout.
bool wait_for_tcp_port(std::uint16_t port, std::chrono::milliseconds timeout);

}  // namespace gw::rig
