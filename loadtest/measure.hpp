// Helpers every mode shares: judging ramp steps, watching the system under test's CPU and
// memory while a phase runs, and turning tallies into the reported result.
#pragma once

#include "loadtest/proc_stats.hpp"
#include "loadtest/schedule.hpp"
#include "loadtest/stats.hpp"

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

namespace gw::load {

// Stops a ramp once a finished step failed (any failure, or p99 setup latency above the limit),
// operations waiting for their setup pile up (overload), or the step at the maximum rate is done.
class RampJudge {
public:
    RampJudge(Schedule& schedule, double max_p99_ms, double timeout_s)
        : schedule_(schedule), max_p99_ms_(max_p99_ms), timeout_s_(timeout_s) {}
    // `waiting`: operations started but not yet set up (held calls do not count).
    void check(Micros now, const Tallies& tallies, std::size_t waiting);
    const std::string& stop_reason() const { return reason_; }
    bool step_clean(const Tally& step) const;

private:
    Schedule& schedule_;
    double max_p99_ms_;
    double timeout_s_;
    std::size_t judged_ = 0;
    std::string reason_;
};

// Samples a process (or process group) once a second: peak RSS, and the RSS at the moment the
// most units (registered users, active calls) were held, for memory per unit.
class ResourceWatch {
public:
    explicit ResourceWatch(std::function<ProcessSample()> sample) : sample_(std::move(sample)) {}
    void start();  // the baseline: CPU and RSS before the load
    // Once a second: `units` held now.
    void tick(Micros now, double units);
    ProcessSample last() const { return last_; }
    double cpu_since_start() const { return last_.cpu_s - base_.cpu_s; }
    double wait_since_start() const { return last_.wait_s - base_.wait_s; }
    double seconds_since_start() const { return static_cast<double>(last_at_ - started_at_) / 1e6; }
    double cpu_share() const { return share_; }  // of one core, over the last second
    double base_rss_kib() const { return base_.rss_kib; }
    double max_units() const { return max_units_; }
    double rss_at_max_units() const { return rss_at_max_units_; }
    void finish();  // one more sample at the end

private:
    std::function<ProcessSample()> sample_;
    ProcessSample base_, last_;
    Micros next_ = 0, last_at_ = 0, started_at_ = 0;
    double share_ = 0, max_units_ = 0, rss_at_max_units_ = 0;
};

// CPU of the load tool itself and of the sipp processes over a phase, as a share of one core:
// the report shows they were not what limited the run.
class HelperCpu {
public:
    void start(std::vector<pid_t> sipps);
    void tick(Micros now);  // once a second: a sipp that exits keeps its last reading
    void finish(ModeResult& result);

private:
    void read();
    std::vector<pid_t> sipps_;
    std::vector<double> first_, last_;
    double own_ = 0;
    Micros at_ = 0, next_ = 0;
};

// Fills the common fields from the tallies: attempts, outcomes, causes, latency, achieved rate
// (successes over the offer window), ramp steps and the highest clean step.
void fill_result(ModeResult& result, const Tallies& tallies, const Schedule& schedule, Micros first_start,
                 Micros last_start, const RampJudge* judge);

// CPU and memory figures from a watch: CPU per success, RSS per unit held at the busiest moment.
void fill_resources(ModeResult& result, const ResourceWatch& watch);

std::string format_ms(double ms);

}  // namespace gw::load
