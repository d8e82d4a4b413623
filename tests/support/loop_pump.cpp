#include "tests/support/loop_pump.hpp"

#include <event2/event.h>

#include <thread>

namespace gw::test {

bool pump_until(event_base* base, const std::function<bool()>& done,
                std::chrono::milliseconds timeout, const std::function<void()>& also) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        event_base_loop(base, EVLOOP_NONBLOCK);
        if (also) also();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

}  // namespace gw::test
