// SIGINT/SIGTERM on the event loop: the first starts a graceful shutdown, a second one exits at
// once (the admin means it). SIGPIPE is ignored: peers closing sockets are normal.
#pragma once

#include <functional>

struct event_base;
struct event;

namespace gw {

class ShutdownSignals {
public:
    ShutdownSignals(event_base* base, std::function<void(int signal)> on_first);
    ~ShutdownSignals();
    ShutdownSignals(const ShutdownSignals&) = delete;
    ShutdownSignals& operator=(const ShutdownSignals&) = delete;

private:
    static void on_signal(int signal, short, void* self);

    std::function<void(int)> on_first_;
    bool received_ = false;
    event* sigint_ = nullptr;
    event* sigterm_ = nullptr;
};

}  // namespace gw
