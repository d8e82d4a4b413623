// The running gateway: one libevent loop driving the component link, the SIP agent and the HTTP
// endpoints, and the orderly shutdown of all three.
#pragma once

#include "config/settings.hpp"

namespace gw {

// Runs until SIGINT/SIGTERM. Returns the process exit status: 0 after a clean shutdown, 1 when
// something it needs at start (SIP or HTTP address, store) is not available.
int run_gateway(const config::Settings& settings);

}  // namespace gw
