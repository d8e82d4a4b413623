#include "tests/rig/readiness.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <thread>

#include "tests/rig/process.hpp"
#include "tests/rig/text_file.hpp"

namespace gw::rig {

bool poll_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + timeout;
  std::chrono::milliseconds step{1};
  for (;;) {
    if (condition()) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(step);
    step = std::min(step * 2, std::chrono::milliseconds(20));
  }
}

void throw_start_failure(std::string_view server, std::string_view reason, const Process& process) {
  std::string message = std::string(server) + " did not start: " + std::string(reason);
  if (!process.log_file().empty()) {
    message += "\n--- last lines of " + process.log_file() + " ---\n" + last_lines(process.log());
  }
  throw std::runtime_error(message);
}

void wait_until_ready(Process& process, std::string_view server, const std::function<bool()>& ready,
                      std::chrono::milliseconds timeout) {
  std::optional<int> exit_status;
  const bool ok = poll_until(
      [&] {
        if (!process.running()) {
          exit_status = process.wait_exit(std::chrono::milliseconds(0));
          return true;
        }
        return ready();
      },
      timeout);
  if (exit_status) throw_start_failure(server, "it exited with status " + std::to_string(*exit_status), process);
  if (!ok) throw_start_failure(server, "not ready after " + std::to_string(timeout.count()) + " ms", process);
}

}  // namespace gw::rig
