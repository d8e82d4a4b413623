// Open-loop pacing: operations start on a fixed timetable whatever the gateway's answers
// (closed-loop load would slow down with the system under test and hide its limits). Either a
// constant rate, or a ramp that raises the rate by a step every interval until told to stop.
#pragma once

#include "loadtest/stats.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>

namespace gw::load {

struct ScheduleOptions {
    double rate = 100;             // per second (the first step's when ramping)
    double ramp_step = 0;          // > 0: ramp by this much every ramp_interval_s
    double ramp_interval_s = 5;
    double max_rate = 100000;      // a ramp goes no higher
    std::uint64_t count = 0;       // 0: no limit on operations
    double duration_s = 0;         // 0: no limit on time (a count is then required)
};

class Schedule {
public:
    explicit Schedule(ScheduleOptions options) : options_(options) {}

    void start(Micros now) { start_ = now; }
    Micros started_at() const { return start_; }
    bool ramping() const { return options_.ramp_step > 0; }
    // Operations that should have started by `now` (at most count).
    std::uint64_t due(Micros now) const;
    std::size_t step(Micros now) const;
    double step_rate(std::size_t step) const;
    double rate_at(Micros now) const { return step_rate(step(now)); }
    // No more starts: the count is reached, the time is up or the ramp was stopped.
    bool over(Micros now, std::uint64_t started) const;
    // Unless over: starts, through start(index, step), every operation due by `now` beyond the
    // `next` already started (and below `limit`), and returns true.
    bool start_due(Micros now, std::uint64_t& next, const std::function<void(std::uint64_t, std::size_t)>& start,
                   std::uint64_t limit = std::numeric_limits<std::uint64_t>::max()) const;
    void stop() { stopped_ = true; }
    bool stopped() const { return stopped_; }
    const ScheduleOptions& options() const { return options_; }

private:
    ScheduleOptions options_;
    Micros start_ = 0;
    bool stopped_ = false;
};

}  // namespace gw::load
