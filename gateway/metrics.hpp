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

    std::string to_prometheus() const;
};

}  // namespace gw
