// Reconnect delays: exponential from `initial` up to `max`, each with random jitter so that many
// gateways restarted together do not reconnect in lockstep.
#pragma once

#include <cstdint>
#include <random>

namespace gw::xmpp {

class Backoff {
public:
    Backoff(double initial_s, double max_s, std::uint64_t seed = std::random_device{}());

    // The delay before the next attempt, in seconds: base * U[0.5, 1.0], base doubling each time.
    double next();
    void reset() { base_ = initial_; }

private:
    double initial_;
    double max_;
    double base_;
    std::mt19937_64 rng_;
};

}  // namespace gw::xmpp
