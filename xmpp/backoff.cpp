#include "xmpp/backoff.hpp"

#include <algorithm>

namespace gw::xmpp {

Backoff::Backoff(double initial_s, double max_s, std::uint64_t seed)
    : initial_(initial_s), max_(std::max(initial_s, max_s)), base_(initial_s), rng_(seed) {}

double Backoff::next() {
    const double delay = base_ * std::uniform_real_distribution<double>(0.5, 1.0)(rng_);
    base_ = std::min(base_ * 2.0, max_);
    return delay;
}

}  // namespace gw::xmpp
