// sipp as the caller (loadtest/scenarios/caller.xml) for calls into the gateway and for the
// baseline: paced by sipp itself (-r, and -rate_increase for a ramp), stopped gracefully
// (SIGUSR1: no new calls, current ones finish), and read back from its per-call log lines
// (outcome, INVITE and final-response times in µs) and its statistics file.
#pragma once

#include "loadtest/options.hpp"
#include "loadtest/processes.hpp"
#include "loadtest/stats.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gw::load {

struct SippStats {
    bool read = false;
    std::uint64_t outgoing = 0, successful = 0, failed = 0, current = 0;
};

// The last complete line of a sipp -trace_stat file.
SippStats read_sipp_stats(const std::string& path);

struct CallLogEntry {
    bool ok = false;
    int code = 0;                  // the final failure status (fail lines)
    double invite_s = 0, final_s = 0;  // wall clock, seconds
};

// The caller scenario's log lines: "ok t0s t0us t1s t1us" and "fail code t0s t0us t1s t1us".
std::vector<CallLogEntry> read_call_log(const std::string& path);

// The offer window of a sipp-paced run is sipp's: from its first INVITE to its last. Sets the
// result's duration and achieved rate from the call log.
void use_offer_window(ModeResult& result, const std::string& log_path);

class SippCaller {
public:
    // Calls `remote` (host:port) with R-URI users taken in turn from `targets`, at the rate,
    // count, hold and ramp of `options`.
    SippCaller(const Options& options, const std::string& dir, const std::string& remote,
               const std::vector<std::string>& targets);

    Sipp& sipp() { return *sipp_; }
    // Once a second: the statistics so far.
    const SippStats& poll(Micros now);
    void stop_new_calls();  // SIGUSR1: finish the current calls, start no more
    bool exited();
    // After the time bound: a sipp still calling is stopped, and the result says so.
    void stop_unfinished(ModeResult& result);
    // Attempts (sipp's outgoing calls), outcomes by cause and setup latency, into `tallies`
    // by ramp step (from the INVITE times). Call after sipp has exited.
    void collect(Tallies& tallies, const Options& options);

private:
    std::unique_ptr<Sipp> sipp_;
    SippStats stats_;
    Micros next_poll_ = 0;
    bool stopping_ = false;
};

}  // namespace gw::load
