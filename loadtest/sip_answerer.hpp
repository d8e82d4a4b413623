// A SIP callee inside the load tool, on its event loop (--callee builtin): answers every INVITE at
// once with 200 and SDP, BYE and CANCEL with 200, and notes for each caller how long the answer
// took on this side, from the INVITE's arrival in the kernel to the 200 leaving. Subtracted from
// a call's setup time, that leaves the gateway's share: sipp as the callee adds up to a
// millisecond of its own scheduling, which hides the gateway's latency.
#pragma once

#include "loadtest/stats.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

struct event_base;
struct event;

namespace gw::load {

class SipAnswerer {
public:
    explicit SipAnswerer(event_base* base);  // UDP on 127.0.0.1, a free port
    ~SipAnswerer();
    SipAnswerer(const SipAnswerer&) = delete;
    SipAnswerer& operator=(const SipAnswerer&) = delete;

    std::uint16_t port() const { return port_; }
    // This side's time for the last INVITE from SIP user `user` (From's user part), once.
    std::optional<Micros> take_answer_time(const std::string& user);

private:
    static void on_readable(int fd, short what, void* self);
    void read_all();

    int fd_ = -1;
    std::uint16_t port_ = 0;
    event* readable_ = nullptr;
    Micros realtime_to_monotonic_ = 0;  // kernel timestamps are CLOCK_REALTIME
    std::uint64_t next_tag_ = 1;
    std::unordered_map<std::string, Micros> answer_time_;  // by caller's SIP user
};

}  // namespace gw::load
