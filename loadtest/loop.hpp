// The load tool's one event loop (libevent): the component server's socket, plus a 1 ms tick
// that starts operations on schedule, fires hold and timeout timers and prints progress.
#pragma once

#include "loadtest/stats.hpp"

#include <functional>

struct event_base;

namespace gw::load {

class Loop {
public:
    Loop();
    ~Loop();
    Loop(const Loop&) = delete;
    Loop& operator=(const Loop&) = delete;

    event_base* base() const { return base_; }

    // Runs until done() returns true (checked after every tick) or `timeout_us` passes; tick(now)
    // runs every millisecond. True if done. An exception from either stops the loop and is
    // rethrown here.
    bool run(const std::function<bool()>& done, Micros timeout_us, const std::function<void(Micros)>& tick = {});

private:
    event_base* base_;
};

}  // namespace gw::load
