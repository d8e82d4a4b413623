// baseline: the same SIP call flow without the gateway, on this machine at this moment: sipp's
// caller -> Kamailio (record-routing proxy, pinned to the core the gateway gets) -> sipp's
// callee. What it sustains is the yardstick for the gateway's rates; its CPU per call is
// Kamailio's.
#include "loadtest/measure.hpp"
#include "loadtest/modes.hpp"
#include "loadtest/sipp_caller.hpp"
#include "loadtest/stage.hpp"

#include <cstdio>

namespace gw::load {

ModeResult run_baseline(const Options& o) {
    ModeResult r;
    r.mode = "baseline";
    r.description = "sipp -> Kamailio -> sipp answering at once (no gateway), hold " + format_ms(o.hold_s * 1000) + " ms";
    rig::TempDir dir("xsg-load");
    Loop loop;
    SipSide side(o, dir.path(), 0, true, true);
    pin_group(side.kamailio_group, o.gateway_cpu);
    if (side.kamailio_group == 0) r.notes.push_back("Kamailio's processes were not found: no CPU figures");

    Schedule schedule({.rate = o.rate, .ramp_step = o.ramp_step, .ramp_interval_s = o.ramp_interval_s,
                       .max_rate = o.max_rate, .count = o.count, .duration_s = o.duration_s});
    ResourceWatch watch([&] { return sample_group(side.kamailio_group); });
    Progress progress(o.quiet, "baseline");
    watch.start();
    SippCaller caller(o, dir.path(), "127.0.0.1:" + std::to_string(side.kamailio->port()),
                      {"answer-now"});
    HelperCpu helpers;
    helpers.start({side.callee->pid(), caller.sipp().pid()});
    const Micros start = now_us();
    schedule.start(start);
    progress.start(start);
    std::string stop_reason;
    const double bound_s = (o.duration_s > 0 ? o.duration_s : static_cast<double>(o.count) / o.rate) + o.hold_s +
                           3 * o.timeout_s + 15;
    loop.run(
        [&] { return caller.exited(); }, static_cast<Micros>(bound_s * 1e6),
        [&](Micros now) {
            const SippStats& stats = caller.poll(now);
            if (schedule.ramping() && !schedule.stopped()) {
                const double rate = schedule.rate_at(now);
                if (stats.failed > 0) stop_reason = "sipp counted a failed call at " + format_ms(rate) + "/s";
                // More calls up than the hold explains: set-ups or tear-downs are queueing.
                else if (static_cast<double>(stats.current) > rate * (o.hold_s + 1) + 100)
                    stop_reason = "overload: " + std::to_string(stats.current) + " calls up at " + format_ms(rate) + "/s";
                else if (rate >= o.max_rate && schedule.step(now) > 0 &&
                         schedule.step_rate(schedule.step(now) - 1) >= o.max_rate)
                    stop_reason = "reached the maximum rate";
                if (!stop_reason.empty()) schedule.stop();
            }
            // sipp stops by itself after -m calls; a time bound or a failed ramp step stops it here.
            if (schedule.over(now, 0)) caller.stop_new_calls();
            watch.tick(now, static_cast<double>(stats.current));
            helpers.tick(now);
            progress.tick(now, [&](double t) {
                char line[200];
                std::snprintf(line, sizeof line,
                              "%5.1f s  offered %.0f/s  sipp: started %llu ok %llu failed %llu up %llu  kamailio cpu %.0f%%",
                              t, schedule.rate_at(now), static_cast<unsigned long long>(stats.outgoing),
                              static_cast<unsigned long long>(stats.successful),
                              static_cast<unsigned long long>(stats.failed),
                              static_cast<unsigned long long>(stats.current), watch.cpu_share() * 100);
                return std::string(line);
            });
        });
    caller.stop_unfinished(r);
    watch.finish();
    helpers.finish(r);
    Tallies tallies;
    caller.collect(tallies, o);
    RampJudge judge(schedule, o.max_p99_ms, o.timeout_s);  // only to judge the steps afterwards
    fill_result(r, tallies, schedule, start, now_us(), &judge);
    use_offer_window(r, caller.sipp().log_path());
    if (!stop_reason.empty()) r.notes.push_back("ramp stopped: " + stop_reason);
    fill_resources(r, watch);
    r.figures["callee_sipp_cpu_s"] = side.callee->sample().cpu_s;
    r.notes.push_back("CPU and RSS are Kamailio's, summed over its processes (shared memory counts in each)");
    return r;
}

}  // namespace gw::load
