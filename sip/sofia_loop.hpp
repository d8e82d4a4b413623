// Runs Sofia-SIP's su_root on the gateway's libevent loop, on the same thread: no stack thread,
// no locks. Sofia's epoll port is watched as one fd; its timers become one libevent timer.
#pragma once

#include <memory>

struct event_base;
struct event;
struct su_root_s;

namespace gw::sip {

class SofiaLoop {
public:
    // Throws std::runtime_error when Sofia's port cannot be created or found.
    explicit SofiaLoop(event_base* base);
    ~SofiaLoop();
    SofiaLoop(const SofiaLoop&) = delete;
    SofiaLoop& operator=(const SofiaLoop&) = delete;

    su_root_s* root() const { return root_; }

    // A nua_*() call made outside a Sofia callback queues work without waking the port:
    // call this after it so the work runs on the next loop iteration.
    void kick();

private:
    static void on_wake(int fd, short what, void* self);
    void step();

    event_base* base_;
    su_root_s* root_ = nullptr;
    int epoll_fd_ = -1;
    event* readable_ = nullptr;
    event* timer_ = nullptr;
    event* kick_ = nullptr;
};

}  // namespace gw::sip
