#pragma once
// Waiting for a started server to become usable, with a clear error when it does not.

#include <chrono>
#include <functional>
#include <string_view>

namespace gw::rig {

class Process;

// Calls `condition` with short, growing sleeps (1 ms up to 20 ms) until it returns true;
// false if `timeout` passes first. Exceptions from `condition` propagate.
bool poll_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

// Polls `ready` until it returns true. Throws std::runtime_error naming `server`, the reason
// (exited with status N / not ready after T ms) and the tail of the process's log if the
// process exits first or `timeout` passes.
void wait_until_ready(Process& process, std::string_view server, const std::function<bool()>& ready,
                      std::chrono::milliseconds timeout);

// The exception the server classes throw when a start fails: the reason plus the log's tail.
[[noreturn]] void throw_start_failure(std::string_view server, std::string_view reason, const Process& process);

}  // namespace gw::rig
