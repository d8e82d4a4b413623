// What a mode measures: latencies with percentiles, outcomes counted by cause, and the result
// object each mode fills for the report (JSON and summary).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gw::load {

using Micros = std::int64_t;

// Microseconds on the monotonic clock.
Micros now_us();

struct Percentiles {
    std::uint64_t count = 0;
    double p50_ms = 0, p95_ms = 0, p99_ms = 0, max_ms = 0;
};

class LatencySamples {
public:
    void add(Micros latency) { samples_.push_back(latency); }
    std::size_t size() const { return samples_.size(); }
    Percentiles percentiles() const;  // nearest-rank; zeros when empty

private:
    std::vector<Micros> samples_;
};

// Outcomes of one kind of operation (logins, calls out ...), in all and per ramp step (the step in
// which each operation started).
struct Tally {
    std::uint64_t attempts = 0, successes = 0, failures = 0;
    std::map<std::string, std::uint64_t> causes;
    LatencySamples setup;
    LatencySamples gateway_setup;  // setup minus the callee's own time (built-in callee only)
};

class Tallies {
public:
    void attempt(std::size_t step) { bump(step).attempts++, total_.attempts++; }
    void latency(std::size_t step, Micros us) { bump(step).setup.add(us), total_.setup.add(us); }
    void gateway_latency(Micros us) { total_.gateway_setup.add(us); }
    void success(std::size_t step) { bump(step).successes++, total_.successes++; }
    void failure(std::size_t step, const std::string& cause) {
        Tally& t = bump(step);
        t.failures++, t.causes[cause]++;
        total_.failures++, total_.causes[cause]++;
    }
    const Tally& total() const { return total_; }
    const std::vector<Tally>& steps() const { return steps_; }
    std::uint64_t outcomes() const { return total_.successes + total_.failures; }
    std::uint64_t in_flight() const { return total_.attempts - outcomes(); }

private:
    Tally& bump(std::size_t step) {
        if (steps_.size() <= step) steps_.resize(step + 1);
        return steps_[step];
    }
    Tally total_;
    std::vector<Tally> steps_;
};

// One step of a ramp: the rate offered during it and what came back.
struct RampStep {
    double offered_rate = 0;
    double achieved_rate = 0;
    std::uint64_t attempts = 0, successes = 0, failures = 0;
    Percentiles setup;
};

struct ModeResult {
    std::string mode;            // JSON key: "logins", "calls_out", "calls_in", "baseline", ...
    std::string description;     // one line for the summary: what ran against what
    double offered_rate = 0;     // operations per second asked for (the last step when ramping)
    double achieved_rate = 0;    // successes per second over the load phase
    double duration_s = 0;       // the load phase: first start to last outcome
    std::uint64_t attempts = 0;
    std::uint64_t successes = 0;
    std::uint64_t failures = 0;  // attempts - successes
    std::map<std::string, std::uint64_t> failures_by_cause;
    Percentiles setup;
    Percentiles gateway_setup;   // the gateway's share of `setup` (count 0: not measured)
    double cpu_seconds = 0;      // of the system under test (gateway, or Kamailio for the baseline)
    double cpu_us_per_op = 0;
    double rss_base_kib = 0;     // before the load phase
    double rss_peak_kib = 0;     // VmHWM at the end
    // Memory per held object: per registered user (logins), per active call (calls).
    double rss_per_unit_kib = 0;
    std::string unit;            // "registered user", "active call"
    double max_clean_rate = 0;   // ramp: the highest step with no failure
    std::vector<RampStep> steps;
    std::map<std::string, double> figures;  // mode-specific numbers (peak concurrency, tool CPU ...)
    std::vector<std::string> notes;         // what a reader must know (a check that failed ...)

    void fail(const std::string& cause, std::uint64_t n = 1) {
        failures += n;
        failures_by_cause[cause] += n;
    }
};

}  // namespace gw::load
