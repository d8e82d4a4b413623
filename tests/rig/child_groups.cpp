#include "tests/rig/child_groups.hpp"

#include <csignal>

#include <array>
#include <atomic>
#include <mutex>

namespace gw::rig::detail {
namespace {

// A fixed table of atomics: the signal handler may only do async-signal-safe work.
constexpr std::size_t max_groups = 256;
std::array<std::atomic<pid_t>, max_groups> groups{};

constexpr std::array<int, 9> fatal_signals{SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGABRT,
                                           SIGSEGV, SIGBUS, SIGFPE, SIGILL};
std::array<struct sigaction, fatal_signals.size()> previous{};

void kill_all_groups(int sig) {
  for (auto& slot : groups) {
    const pid_t group = slot.load();
    if (group > 0) ::kill(-group, SIGKILL);
  }
  // Hand the signal to whoever handled it before (doctest's reporter, ASan, or the default
  // action). The signal is blocked while this handler runs, so the raise is delivered after
  // we return, to the restored handler; a synchronous fault simply recurs there.
  for (std::size_t i = 0; i < fatal_signals.size(); ++i) {
    if (fatal_signals[i] == sig) ::sigaction(sig, &previous[i], nullptr);
  }
  ::raise(sig);
}

void install_handlers() {
  struct sigaction action{};
  action.sa_handler = kill_all_groups;
  sigemptyset(&action.sa_mask);
  for (std::size_t i = 0; i < fatal_signals.size(); ++i) {
    ::sigaction(fatal_signals[i], &action, &previous[i]);
  }
}

}  // namespace

void register_child_group(pid_t group) {
  static std::once_flag installed;
  std::call_once(installed, install_handlers);
  for (auto& slot : groups) {
    pid_t expected = 0;
    if (slot.compare_exchange_strong(expected, group)) return;
  }
  // Table full: the group is still stopped by its owner's destructor, only not on a crash.
}

void unregister_child_group(pid_t group) {
  for (auto& slot : groups) {
    pid_t expected = group;
    if (slot.compare_exchange_strong(expected, 0)) return;
  }
}

}  // namespace gw::rig::detail
