#pragma once
// Starting a child process the way the rig needs it (internal to the rig).

#include <sys/types.h>

#include <string>
#include <vector>

namespace gw::rig::detail {

struct SpawnRequest {
  std::vector<std::string> argv;       // argv[0] is looked up in PATH unless it contains '/'
  std::vector<std::string> env_extra;  // "NAME=value", added to (or replacing in) our environment
  std::string cwd;                     // empty: inherit
  std::string user;                    // empty: inherit; else run as this user (we must be root)
  int output_fd = -1;                  // receives stdout and stderr; stdin is /dev/null
};

// Forks and execs the request in a new process group whose id is the returned pid.
// The child gets SIGKILL if the spawning thread dies, sees only fds 0-2, and has default signal
// dispositions. Throws std::runtime_error with the reason if the program cannot be started
// (not found, exec failed, unknown user, bad cwd).
pid_t spawn_in_new_group(const SpawnRequest& request);

// Exit status as one number: the exit code, or 128 + signal number if it was killed.
int decode_wait_status(int status);

}  // namespace gw::rig::detail
