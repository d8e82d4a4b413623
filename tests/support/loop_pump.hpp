// Runs a libevent loop in small non-blocking steps until a condition holds (tests only).
#pragma once

#include <chrono>
#include <functional>

struct event_base;

namespace gw::test {

// Pumps `base` (and `also`, if given, after each step) until `done` returns true or `timeout`
// passes. Returns the last value of `done`.
bool pump_until(event_base* base, const std::function<bool()>& done,
                std::chrono::milliseconds timeout = std::chrono::seconds(5),
                const std::function<void()>& also = {});

}  // namespace gw::test
