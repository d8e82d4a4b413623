#include "loadtest/loop.hpp"

#include <event2/event.h>

#include <exception>
#include <stdexcept>

namespace gw::load {
namespace {

struct Run {
    event_base* base;
    const std::function<bool()>& done;
    const std::function<void(Micros)>& tick;
    Micros deadline;
    bool finished = false;
    std::exception_ptr failure;
};

void on_tick(int, short, void* raw) {
    auto* run = static_cast<Run*>(raw);
    try {
        const Micros now = now_us();
        if (run->tick) run->tick(now);
        if (run->done()) run->finished = true;
        if (run->finished || now >= run->deadline) event_base_loopbreak(run->base);
    } catch (...) {
        run->failure = std::current_exception();
        event_base_loopbreak(run->base);
    }
}

}  // namespace

Loop::Loop() : base_(event_base_new()) {
    if (base_ == nullptr) throw std::runtime_error("cannot create the event loop");
}

Loop::~Loop() { event_base_free(base_); }

bool Loop::run(const std::function<bool()>& done, Micros timeout_us, const std::function<void(Micros)>& tick) {
    Run run{base_, done, tick, now_us() + timeout_us, false, nullptr};
    if (done()) return true;
    event* timer = event_new(base_, -1, EV_PERSIST, &on_tick, &run);
    const timeval every{0, 1000};
    event_add(timer, &every);
    event_base_dispatch(base_);
    event_free(timer);
    if (run.failure) std::rethrow_exception(run.failure);
    return run.finished;
}

}  // namespace gw::load
