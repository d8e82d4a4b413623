#include "loadtest/stats.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace gw::load {

Micros now_us() {
    using namespace std::chrono;
    return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

Percentiles LatencySamples::percentiles() const {
    Percentiles p;
    p.count = samples_.size();
    if (samples_.empty()) return p;
    std::vector<Micros> sorted = samples_;
    std::sort(sorted.begin(), sorted.end());
    // Nearest rank: the smallest sample with at least q of all samples at or below it.
    auto at = [&](double q) {
        const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
        return static_cast<double>(sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1]) / 1000.0;
    };
    p.p50_ms = at(0.50);
    p.p95_ms = at(0.95);
    p.p99_ms = at(0.99);
    p.max_ms = static_cast<double>(sorted.back()) / 1000.0;
    return p;
}

}  // namespace gw::load
