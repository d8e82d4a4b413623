// Counters and gauges the gateway exposes on /metrics (Prometheus text format).
#pragma once

#include <cstdint>
#include <string>

namespace gw {

struct Metrics {
    std::uint64_t component_connects = 0;     // successful handshakes
    std::uint64_t component_disconnects = 0;
    bool component_connected = false;
    std::uint64_t stanzas_received = 0;
    std::uint64_t iq_errors_sent = 0;
    std::uint64_t sip_invites_received = 0;
    std::uint64_t accounts = 0;
    std::uint64_t users_online = 0;
    std::uint64_t sip_registered = 0;
    std::uint64_t registration_failures = 0;
    std::uint64_t calls_out = 0;        // started by users
    std::uint64_t calls_in = 0;         // INVITEs that rang a user
    std::uint64_t calls_answered = 0;   // ended after being answered
    std::uint64_t calls_failed = 0;     // ended unanswered
    std::uint64_t calls_refused = 0;    // over a limit
    std::uint64_t calls_active = 0;     // call records now
    std::uint64_t call_legs = 0;        // Sofia call handles now (set when metrics are read)

    std::string to_prometheus() const;
};

}  // namespace gw
