// calls-out and calls-in: users are brought online and registered first, then calls run on
// schedule (out: paced by the load tool; in: paced by sipp). CPU per call covers the whole call,
// set-up to tear-down; memory per call is read at the moment most calls were up. After the load
// the gateway must hold no call record or SIP call leg.
#include "loadtest/accounts.hpp"
#include "loadtest/measure.hpp"
#include "loadtest/mode_support.hpp"
#include "loadtest/modes.hpp"
#include "loadtest/sipp_caller.hpp"
#include "loadtest/stage.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gw::load {

std::size_t call_users(const Options& o) {
    if (o.users > 0) return o.users;
    const double top = o.ramp_step > 0 ? std::min(o.max_rate, o.rate + o.ramp_step * 20) : o.rate;
    return std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(top * (o.hold_s + 1) / 4)), 10, 20000);
}

CallOptions call_options(const Options& o) {
    return CallOptions{.hold_us = static_cast<Micros>(o.hold_s * 1e6),
                       .timeout_us = static_cast<Micros>(o.timeout_s * 1e6),
                       .jmi_out = o.jmi_out,
                       .callee = std::string(o.answer_at_once ? "answer-now" : "bob") + "%127.0.0.1@" + kComponent,
                       .callee_time = {}};  // the stage sets it for the built-in callee
}

void check_drained(Stage& stage, ModeResult& r) {
    std::optional<double> records, legs;
    stage.loop().run(
        [&] {
            auto m = stage.gateway().metrics();
            if (!m) return false;
            records = metric(*m, {"xsg_calls_active", "gateway_calls_active"});
            legs = metric(*m, {"xsg_call_legs", "gateway_call_handles"});
            return records && legs && *records == 0 && *legs == 0;
        },
        5'000'000);
    if (!records || !legs) {
        r.notes.push_back("the gateway's /metrics shows no call record or call leg gauge");
        return;
    }
    r.figures["calls_left_in_gateway"] = *records;
    r.figures["call_legs_left_in_gateway"] = *legs;
    if (*records != 0 || *legs != 0)
        r.notes.push_back("5 s after the last call the gateway still held " + std::to_string(static_cast<long>(*records)) +
                          " call records and " + std::to_string(static_cast<long>(*legs)) + " SIP call legs");
}

void finish_stage(Stage& stage, ModeResult& r) {
    XmppSide& x = stage.xmpp();
    r.figures["stanzas_from_gateway_unhandled"] = static_cast<double>(x.unhandled());
    r.figures["xmpp_backlog_max_kib"] = static_cast<double>(x.backlog_max()) / 1024;
    r.figures["stanzas_from_gateway"] = static_cast<double>(x.server().stanzas_received());
    r.figures["xmpp_mib_from_gateway"] = static_cast<double>(x.server().bytes_received()) / 1048576;
    r.figures["xmpp_mib_to_gateway"] = static_cast<double>(x.server().bytes_sent()) / 1048576;
    // The gateway asks each client's caps once per verification string (all users share one).
    r.figures["disco_queries_from_gateway"] = static_cast<double>(x.users().disco_queries());
    for (const std::string& sample : x.unhandled_samples()) r.notes.push_back("stanza nobody handled: " + sample);
    if (!stage.all_offline(5000, 30'000'000)) r.notes.push_back("after the run the gateway still held registrations");
    const int status = stage.stop_gateway();
    r.figures["gateway_exit_status"] = status;
    if (status != 0) r.notes.push_back("the gateway exited with status " + std::to_string(status) + " on SIGTERM");
}

ModeResult run_calls_out(const Options& o) {
    const std::size_t users = call_users(o);
    ModeResult r;
    r.mode = "calls_out";
    r.unit = "active call";
    const bool at_once = o.answer_at_once || o.builtin_callee;
    r.description = std::string(o.jmi_out ? "JMI propose, then " : "") + "session-initiate -> INVITE via " +
                    (o.builtin_callee ? "xsg-load's own callee" : o.kamailio ? "Kamailio (407 digest) to sipp" : "sipp") +
                    (at_once ? " answering at once" : " ringing (180) and answering") + ", hold " +
                    format_ms(o.hold_s * 1000) + " ms, " + std::to_string(users) + " users";
    Stage stage(o, "calls-out", users, true, call_options(o));
    std::string why;
    if (!stage.warm_up(o.warmup_rate, why)) throw std::runtime_error("calls-out: users did not register: " + why);

    CallAgent& agent = stage.xmpp().calls();
    Schedule schedule({.rate = o.rate, .ramp_step = o.ramp_step, .ramp_interval_s = o.ramp_interval_s,
                       .max_rate = o.max_rate, .count = o.count, .duration_s = o.duration_s});
    RampJudge judge(schedule, o.max_p99_ms, o.timeout_s);
    ResourceWatch watch([&] { return stage.gateway().sample(); });
    Progress progress(o.quiet, "calls-out");
    HelperCpu helpers;
    watch.start();
    helpers.start(stage.sipp_pids());
    const Micros start = now_us();
    schedule.start(start);
    progress.start(start);
    std::uint64_t next = 0;
    Micros last_start = start;
    const double bound_s = (o.duration_s > 0 ? o.duration_s : static_cast<double>(o.count) / o.rate) + o.hold_s +
                           2 * o.timeout_s + 5;
    stage.loop().run(
        [&] { return schedule.over(now_us(), next) && agent.active_out() == 0; },
        static_cast<Micros>(bound_s * 1e6),
        [&](Micros now) {
            stage.require_link();
            if (schedule.start_due(now, next, [&](std::uint64_t i, std::size_t step) { agent.call_out(i % users, step, now); }))
                last_start = now;
            agent.tick(now);
            judge.check(now, agent.out(), agent.waiting_out());
            helpers.tick(now);
            watch.tick(now, static_cast<double>(agent.active_out()));
            progress.tick(now, [&](double t) {
                const Tally& total = agent.out().total();
                char line[256];
                std::snprintf(line, sizeof line,
                              "%5.1f s  offered %.0f/s  started %llu  answered %llu  completed %llu  failed %llu  "
                              "up %zu  setting up %zu  gateway cpu %.0f%%  rss %.1f MiB",
                              t, schedule.rate_at(now), static_cast<unsigned long long>(total.attempts),
                              static_cast<unsigned long long>(total.setup.size()),
                              static_cast<unsigned long long>(total.successes),
                              static_cast<unsigned long long>(total.failures), agent.active_out(), agent.waiting_out(),
                              watch.cpu_share() * 100, watch.last().rss_kib / 1024);
                return std::string(line);
            });
        });
    watch.finish();
    helpers.finish(r);
    if (agent.active_out() > 0)
        r.notes.push_back(std::to_string(agent.active_out()) + " calls had no outcome when the time bound was reached");
    fill_result(r, agent.out(), schedule, start, last_start, &judge);
    fill_resources(r, watch);
    r.figures["unknown_session_stanzas"] = static_cast<double>(agent.unknown_sessions());
    check_drained(stage, r);
    finish_stage(stage, r);
    return r;
}

ModeResult run_calls_in(const Options& o) {
    const std::size_t users = call_users(o);
    ModeResult r;
    r.mode = "calls_in";
    r.unit = "active call";
    r.description = std::string("sipp INVITE -> ") + (o.kamailio ? "Kamailio -> " : "") + "gateway -> " +
                    (o.jmi_in ? "JMI propose" : "session-initiate") + ", user answers, hold " +
                    format_ms(o.hold_s * 1000) + " ms, " + std::to_string(users) + " users";
    Stage stage(o, "calls-in", users, true, call_options(o));
    std::string why;
    if (!stage.warm_up(o.warmup_rate, why)) throw std::runtime_error("calls-in: users did not register: " + why);

    // Straight to the users' contact tokens, or through Kamailio to their registrations.
    std::vector<std::string> targets;
    for (std::size_t i = 0; i < users; ++i) targets.push_back(o.kamailio ? sip_user(i) : stage.tokens()[i]);
    const std::string remote =
        "127.0.0.1:" + std::to_string(o.kamailio ? stage.sip().kamailio->port() : stage.gateway().sip_port());

    CallAgent& agent = stage.xmpp().calls();
    // sipp paces the calls; this schedule mirrors its ramp to stop it and to label steps.
    Schedule schedule({.rate = o.rate, .ramp_step = o.ramp_step, .ramp_interval_s = o.ramp_interval_s,
                       .max_rate = o.max_rate, .count = o.count, .duration_s = o.duration_s});
    RampJudge judge(schedule, o.max_p99_ms, o.timeout_s);
    ResourceWatch watch([&] { return stage.gateway().sample(); });
    Progress progress(o.quiet, "calls-in");
    watch.start();
    SippCaller caller(o, stage.dir(), remote, targets);
    HelperCpu helpers;
    helpers.start({stage.sip().callee->pid(), caller.sipp().pid()});
    const Micros start = now_us();
    schedule.start(start);
    progress.start(start);
    std::uint64_t sipp_failed = 0;
    const double bound_s = (o.duration_s > 0 ? o.duration_s : static_cast<double>(o.count) / o.rate) + o.hold_s +
                           3 * o.timeout_s + 15;
    stage.loop().run(
        [&] { return caller.exited(); }, static_cast<Micros>(bound_s * 1e6),
        [&](Micros now) {
            stage.require_link();
            agent.set_step_in(schedule.step(now));
            agent.tick(now);
            const SippStats& stats = caller.poll(now);
            // A failed call, or more calls up than the hold explains (set-ups queueing), ends a ramp.
            if (schedule.ramping() && !schedule.stopped() &&
                (stats.failed > sipp_failed ||
                 static_cast<double>(stats.current) > schedule.rate_at(now) * (o.hold_s + 1) + 100))
                schedule.stop();
            sipp_failed = stats.failed;
            judge.check(now, agent.in(), agent.waiting_in());
            helpers.tick(now);
            // sipp stops by itself after -m calls; a time bound or a failed ramp step stops it here.
            if (schedule.over(now, 0)) caller.stop_new_calls();
            watch.tick(now, static_cast<double>(agent.active_in()));
            progress.tick(now, [&](double t) {
                const Tally& total = agent.in().total();
                char line[256];
                std::snprintf(line, sizeof line,
                              "%5.1f s  offered %.0f/s  sipp: started %llu ok %llu failed %llu up %llu  users rung %llu  "
                              "gateway cpu %.0f%%  rss %.1f MiB",
                              t, schedule.rate_at(now), static_cast<unsigned long long>(stats.outgoing),
                              static_cast<unsigned long long>(stats.successful),
                              static_cast<unsigned long long>(stats.failed),
                              static_cast<unsigned long long>(stats.current),
                              static_cast<unsigned long long>(total.attempts), watch.cpu_share() * 100,
                              watch.last().rss_kib / 1024);
                return std::string(line);
            });
        });
    caller.stop_unfinished(r);
    watch.finish();
    helpers.finish(r);
    // Let the users' side see the last hang-ups.
    stage.loop().run([&] { return agent.active_in() == 0; }, 2'000'000, [&](Micros now) { agent.tick(now); });

    Tallies sipp_side;
    caller.collect(sipp_side, o);
    const Micros end = now_us();
    fill_result(r, sipp_side, schedule, start, end, &judge);
    use_offer_window(r, caller.sipp().log_path());
    fill_resources(r, watch);
    const Tally& xmpp = agent.in().total();
    r.figures["xmpp_calls_rung"] = static_cast<double>(xmpp.attempts);
    r.figures["xmpp_calls_completed"] = static_cast<double>(xmpp.successes);
    r.figures["xmpp_calls_failed"] = static_cast<double>(xmpp.failures);
    // The users' view: from the ring to the gateway taking their answer.
    const Percentiles answered = xmpp.setup.percentiles();
    r.figures["xmpp_ring_to_answer_p50_ms"] = answered.p50_ms;
    r.figures["xmpp_ring_to_answer_p99_ms"] = answered.p99_ms;
    for (const auto& [cause, n] : xmpp.causes) r.notes.push_back("users' side: " + cause + " x " + std::to_string(n));
    r.figures["unknown_session_stanzas"] = static_cast<double>(agent.unknown_sessions());
    check_drained(stage, r);
    finish_stage(stage, r);
    return r;
}

}  // namespace gw::load
