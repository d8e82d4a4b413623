#include "loadtest/schedule.hpp"

#include <algorithm>
#include <cmath>

namespace gw::load {

std::size_t Schedule::step(Micros now) const {
    if (!ramping()) return 0;
    const double elapsed = static_cast<double>(std::max<Micros>(0, now - start_)) / 1e6;
    return static_cast<std::size_t>(elapsed / options_.ramp_interval_s);
}

double Schedule::step_rate(std::size_t step) const {
    if (!ramping()) return options_.rate;
    return std::min(options_.max_rate, options_.rate + options_.ramp_step * static_cast<double>(step));
}

std::uint64_t Schedule::due(Micros now) const {
    const double elapsed = static_cast<double>(std::max<Micros>(0, now - start_)) / 1e6;
    double expected = 0;
    if (!ramping()) {
        expected = options_.rate * elapsed;
    } else {
        const std::size_t current = step(now);
        for (std::size_t k = 0; k < current; ++k) expected += step_rate(k) * options_.ramp_interval_s;
        expected += step_rate(current) * (elapsed - static_cast<double>(current) * options_.ramp_interval_s);
    }
    auto n = static_cast<std::uint64_t>(std::floor(expected)) + 1;  // the first starts at once
    if (options_.count > 0) n = std::min(n, options_.count);
    return n;
}

bool Schedule::over(Micros now, std::uint64_t started) const {
    if (stopped_) return true;
    if (options_.count > 0 && started >= options_.count) return true;
    if (options_.duration_s > 0 && static_cast<double>(now - start_) / 1e6 >= options_.duration_s) return true;
    return false;
}

bool Schedule::start_due(Micros now, std::uint64_t& next, const std::function<void(std::uint64_t, std::size_t)>& start,
                         std::uint64_t limit) const {
    if (over(now, next)) return false;
    const std::uint64_t due = std::min(this->due(now), limit);
    const std::size_t current = step(now);
    for (; next < due; ++next) start(next, current);
    return true;
}

}  // namespace gw::load
