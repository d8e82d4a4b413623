#include "loadtest/measure.hpp"

#include <algorithm>
#include <cstdio>

namespace gw::load {

bool RampJudge::step_clean(const Tally& step) const {
    return step.failures == 0 && step.attempts > 0 && step.setup.percentiles().p99_ms <= max_p99_ms_;
}

void RampJudge::check(Micros now, const Tallies& tallies, std::size_t waiting) {
    if (!schedule_.ramping() || schedule_.stopped()) return;
    const double interval = schedule_.options().ramp_interval_s;
    const std::size_t current = schedule_.step(now);
    const auto& steps = tallies.steps();
    // Overload: far more operations waiting than a second of the current rate.
    const double rate = schedule_.step_rate(current);
    if (static_cast<double>(waiting) > 3 * rate + 100) {
        reason_ = "overload: " + std::to_string(waiting) + " operations waiting at " +
                  std::to_string(static_cast<long>(rate)) + "/s";
        schedule_.stop();
        return;
    }
    while (judged_ < current && judged_ < steps.size()) {
        const Tally& step = steps[judged_];
        const Micros step_end = schedule_.started_at() + static_cast<Micros>((static_cast<double>(judged_) + 1) * interval * 1e6);
        const bool settled = step.successes + step.failures >= step.attempts ||
                             now >= step_end + static_cast<Micros>(timeout_s_ * 1e6);
        if (!settled) return;
        if (!step_clean(step)) {
            char text[160];
            std::snprintf(text, sizeof text, "step at %.0f/s: %llu failures, p99 %.2f ms",
                          schedule_.step_rate(judged_), static_cast<unsigned long long>(step.failures),
                          step.setup.percentiles().p99_ms);
            reason_ = text;
            schedule_.stop();
            return;
        }
        if (schedule_.step_rate(judged_) >= schedule_.options().max_rate) {
            reason_ = "reached the maximum rate";
            schedule_.stop();
            return;
        }
        ++judged_;
    }
}

void ResourceWatch::start() {
    base_ = last_ = sample_();
    last_at_ = started_at_ = now_us();
    next_ = last_at_ + 1'000'000;
}

void ResourceWatch::tick(Micros now, double units) {
    if (now < next_) return;
    next_ = now + 1'000'000;
    const ProcessSample s = sample_();
    if (!s.alive) return;
    share_ = (s.cpu_s - last_.cpu_s) / (static_cast<double>(now - last_at_) / 1e6);
    last_ = s;
    last_at_ = now;
    if (units >= max_units_ && units > 0) {
        max_units_ = units;
        rss_at_max_units_ = s.rss_kib;
    }
}

void ResourceWatch::finish() {
    const ProcessSample s = sample_();
    if (!s.alive) return;
    last_ = s;
    last_at_ = now_us();
}

void HelperCpu::start(std::vector<pid_t> sipps) {
    sipps_ = std::move(sipps);
    last_.assign(sipps_.size(), 0);
    read();
    first_ = last_;
    own_ = own_cpu_s();
    at_ = now_us();
    next_ = at_ + 1'000'000;
}

void HelperCpu::read() {
    for (std::size_t i = 0; i < sipps_.size(); ++i) {
        const ProcessSample s = sample_process(sipps_[i]);
        if (s.alive) last_[i] = s.cpu_s;
    }
}

void HelperCpu::tick(Micros now) {
    if (now < next_) return;
    next_ = now + 1'000'000;
    read();
}

void HelperCpu::finish(ModeResult& result) {
    read();
    const double wall = static_cast<double>(now_us() - at_) / 1e6;
    if (wall <= 0) return;
    double sipp = 0;
    for (std::size_t i = 0; i < sipps_.size(); ++i) sipp += last_[i] - first_[i];
    result.figures["load_tool_cpu_percent"] = (own_cpu_s() - own_) / wall * 100;
    result.figures["sipp_cpu_percent"] = sipp / wall * 100;
}

void fill_result(ModeResult& result, const Tallies& tallies, const Schedule& schedule, Micros first_start,
                 Micros last_start, const RampJudge* judge) {
    const Tally& t = tallies.total();
    result.attempts = t.attempts;
    result.successes = t.successes;
    result.failures = t.failures;
    result.failures_by_cause = t.causes;
    result.setup = t.setup.percentiles();
    result.gateway_setup = t.gateway_setup.percentiles();
    result.offered_rate = schedule.step_rate(tallies.steps().empty() ? 0 : tallies.steps().size() - 1);
    // The offer window: from the first start to one interval after the last.
    const double window = static_cast<double>(last_start - first_start) / 1e6 + 1.0 / result.offered_rate;
    result.duration_s = window;
    result.achieved_rate = window > 0 ? static_cast<double>(t.successes) / window : 0;
    if (!schedule.ramping()) return;
    const double interval = schedule.options().ramp_interval_s;
    for (std::size_t k = 0; k < tallies.steps().size(); ++k) {
        const Tally& s = tallies.steps()[k];
        RampStep step;
        step.offered_rate = schedule.step_rate(k);
        step.attempts = s.attempts;
        step.successes = s.successes;
        step.failures = s.failures;
        step.achieved_rate = static_cast<double>(s.successes) / interval;
        step.setup = s.setup.percentiles();
        result.steps.push_back(step);
        if (judge != nullptr && judge->step_clean(s) && s.attempts >= static_cast<std::uint64_t>(step.offered_rate * interval * 0.9))
            result.max_clean_rate = std::max(result.max_clean_rate, step.offered_rate);
    }
    if (judge != nullptr && !judge->stop_reason().empty()) result.notes.push_back("ramp stopped: " + judge->stop_reason());
}

void fill_resources(ModeResult& result, const ResourceWatch& watch) {
    result.cpu_seconds = watch.cpu_since_start();
    result.cpu_us_per_op = result.successes > 0 ? result.cpu_seconds * 1e6 / static_cast<double>(result.successes) : 0;
    result.rss_base_kib = watch.base_rss_kib();
    result.rss_peak_kib = watch.last().hwm_kib;
    if (!result.unit.empty() && watch.max_units() > 0)
        result.rss_per_unit_kib = (watch.rss_at_max_units() - watch.base_rss_kib()) / watch.max_units();
    result.figures["peak_units_held"] = watch.max_units();
    // Time the system under test was ready to run but another process had its core.
    if (watch.seconds_since_start() > 0) {
        result.figures["cpu_busy_percent"] = watch.cpu_since_start() / watch.seconds_since_start() * 100;
        result.figures["cpu_wait_percent"] = watch.wait_since_start() / watch.seconds_since_start() * 100;
    }
    result.figures["rss_at_peak_kib"] = watch.rss_at_max_units();
}

std::string format_ms(double ms) {
    char text[32];
    std::snprintf(text, sizeof text, ms < 10 ? "%.2f" : (ms < 100 ? "%.1f" : "%.0f"), ms);
    return text;
}

}  // namespace gw::load
