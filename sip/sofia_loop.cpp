#include "sip/sofia_loop.hpp"

#include "sip/sofia.hpp"

#include <dirent.h>
#include <event2/event.h>
#include <unistd.h>

#include <set>
#include <stdexcept>
#include <string>

namespace gw::sip {
namespace {

// su_port.h is not installed, so no API returns the epoll fd of the port. It is found as the
// one eventpoll descriptor that su_root_create() added to /proc/self/fd.
std::set<int> eventpoll_fds() {
    std::set<int> fds;
    DIR* dir = opendir("/proc/self/fd");
    if (dir == nullptr) return fds;
    while (dirent* entry = readdir(dir)) {
        if (entry->d_name[0] == '.') continue;
        std::string path = std::string("/proc/self/fd/") + entry->d_name;
        char target[64] = {};
        ssize_t n = readlink(path.c_str(), target, sizeof target - 1);
        if (n > 0 && std::string_view(target, static_cast<size_t>(n)) == "anon_inode:[eventpoll]")
            fds.insert(std::stoi(entry->d_name));
    }
    closedir(dir);
    return fds;
}

constexpr int kMaxStepsPerWake = 8;

}  // namespace

SofiaLoop::SofiaLoop(event_base* base) : base_(base) {
    if (su_init() != 0) throw std::runtime_error("Sofia-SIP: su_init failed");
    su_port_prefer(su_epoll_port_create, su_epoll_clone_start);
    const std::set<int> before = eventpoll_fds();
    root_ = su_root_create(this);
    if (root_ == nullptr) {
        su_deinit();
        throw std::runtime_error("Sofia-SIP: su_root_create failed");
    }
    su_root_threading(root_, 0);
    for (int fd : eventpoll_fds())
        if (!before.contains(fd)) epoll_fd_ = fd;
    if (epoll_fd_ < 0) {
        su_root_destroy(root_);
        su_deinit();
        throw std::runtime_error("Sofia-SIP: cannot find the epoll descriptor of su_root");
    }
    readable_ = event_new(base_, epoll_fd_, EV_READ | EV_PERSIST, &SofiaLoop::on_wake, this);
    timer_ = event_new(base_, -1, 0, &SofiaLoop::on_wake, this);
    kick_ = event_new(base_, -1, 0, &SofiaLoop::on_wake, this);
    event_add(readable_, nullptr);
    kick();
}

SofiaLoop::~SofiaLoop() {
    event_free(readable_);
    event_free(timer_);
    event_free(kick_);
    su_root_destroy(root_);
    su_deinit();
}

void SofiaLoop::kick() { event_active(kick_, EV_TIMEOUT, 0); }

void SofiaLoop::on_wake(int, short, void* self) {
    // Sofia's own callbacks catch their exceptions (see user_agent.cpp); nothing unwinds here.
    static_cast<SofiaLoop*>(self)->step();
}

void SofiaLoop::step() {
    // A few steps per wake drain bursts (a message sent from one callback to the next) without
    // the busy spin of looping until su_root_step() reports nothing left.
    su_duration_t next_ms = -1;
    for (int i = 0; i < kMaxStepsPerWake; ++i) {
        next_ms = su_root_step(root_, 0);
        if (next_ms != 0) break;
    }
    event_del(timer_);
    if (next_ms >= 0) {
        const long ms = next_ms < 1 ? 1 : static_cast<long>(next_ms);
        timeval tv{ms / 1000, (ms % 1000) * 1000};
        event_add(timer_, &tv);
    }
}

}  // namespace gw::sip
