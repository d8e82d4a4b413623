// mixed: what a deployment's busy hour looks like, all at once at --rate each: calls out from
// online users, calls in to them (sipp), and login churn (other users come online, register,
// stay for the hold time and leave, so REGISTERs and un-REGISTERs run beside the calls).
// Each kind is reported on its own (mixed_logins, mixed_calls_out, mixed_calls_in); the
// gateway's CPU and memory can only be split by operation in total (mixed).
#include "loadtest/accounts.hpp"
#include "loadtest/measure.hpp"
#include "loadtest/mode_support.hpp"
#include "loadtest/modes.hpp"
#include "loadtest/sipp_caller.hpp"
#include "loadtest/stage.hpp"

#include <cmath>
#include <cstdio>
#include <deque>

namespace gw::load {

ModeResult run_mixed(const Options& o, std::vector<ModeResult>& parts) {
    const std::size_t callers = call_users(o);
    // Churn users stay online for the hold, then need a moment for the un-REGISTER.
    const auto churn = static_cast<std::size_t>(std::ceil(o.rate * (o.hold_s + o.timeout_s + 3))) + 10;
    ModeResult r;
    r.mode = "mixed";
    r.description = "logins, calls out and calls in at once, each at the offered rate; " + std::to_string(callers) +
                    " calling users, " + std::to_string(churn) + " churning users";
    Stage stage(o, "mixed", callers + churn, true, call_options(o));
    std::string why;
    if (!stage.warm_up(o.warmup_rate, why, callers)) throw std::runtime_error("mixed: users did not register: " + why);
    Users& users = stage.xmpp().users();
    CallAgent& agent = stage.xmpp().calls();

    // Login churn.
    Tallies logins;
    std::deque<std::size_t> free_users;
    for (std::size_t i = callers; i < callers + churn; ++i) free_users.push_back(i);
    std::vector<Micros> login_started(callers + churn, 0);
    std::vector<std::uint32_t> login_step(callers + churn, 0);
    std::vector<bool> pending(callers + churn, false);
    std::deque<std::pair<Micros, std::size_t>> leave_at, free_at, timeouts;
    const auto hold = static_cast<Micros>(o.hold_s * 1e6);
    users.on_registration([&](std::size_t user, bool ok, const std::string& cause) {
        if (!pending[user]) return;
        pending[user] = false;
        const Micros now = now_us();
        if (ok) {
            logins.latency(login_step[user], now - login_started[user]);
            logins.success(login_step[user]);
        } else {
            logins.failure(login_step[user], cause);
        }
        leave_at.emplace_back(now + hold, user);
    });

    std::vector<std::string> targets;
    for (std::size_t i = 0; i < callers; ++i) targets.push_back(o.kamailio ? sip_user(i) : stage.tokens()[i]);
    const std::string remote =
        "127.0.0.1:" + std::to_string(o.kamailio ? stage.sip().kamailio->port() : stage.gateway().sip_port());

    const ScheduleOptions paced{.rate = o.rate, .ramp_step = 0, .ramp_interval_s = o.ramp_interval_s,
                                .max_rate = o.max_rate, .count = o.count, .duration_s = o.duration_s};
    Schedule out_schedule(paced), login_schedule(paced);
    ResourceWatch watch([&] { return stage.gateway().sample(); });
    Progress progress(o.quiet, "mixed");
    watch.start();
    SippCaller caller(o, stage.dir(), remote, targets);
    HelperCpu helpers;
    helpers.start({stage.sip().callee->pid(), caller.sipp().pid()});
    const Micros start = now_us();
    out_schedule.start(start);
    login_schedule.start(start);
    progress.start(start);
    std::uint64_t next_call = 0, next_login = 0;
    Micros last_call = start, last_login = start;
    const Micros timeout = static_cast<Micros>(o.timeout_s * 1e6);
    const double bound_s = (o.duration_s > 0 ? o.duration_s : static_cast<double>(o.count) / o.rate) + o.hold_s +
                           3 * o.timeout_s + 15;
    auto churn_done = [&] { return login_schedule.over(now_us(), next_login) && logins.in_flight() == 0 && leave_at.empty(); };
    stage.loop().run(
        [&] {
            return out_schedule.over(now_us(), next_call) && agent.active_out() == 0 && churn_done() && caller.exited();
        },
        static_cast<Micros>(bound_s * 1e6),
        [&](Micros now) {
            stage.require_link();
            if (!out_schedule.over(now, next_call)) {
                for (const std::uint64_t due = out_schedule.due(now); next_call < due; ++next_call)
                    agent.call_out(next_call % callers, 0, now);
                last_call = now;
            }
            while (!free_at.empty() && free_at.front().first <= now) {
                free_users.push_back(free_at.front().second);
                free_at.pop_front();
            }
            if (!login_schedule.over(now, next_login)) {
                for (const std::uint64_t due = login_schedule.due(now); next_login < due && !free_users.empty(); ++next_login) {
                    const std::size_t user = free_users.front();
                    free_users.pop_front();
                    login_started[user] = now;
                    pending[user] = true;
                    logins.attempt(0);
                    timeouts.emplace_back(now + timeout, user);
                    users.go_online(user);
                    last_login = now;
                }
            }
            while (!timeouts.empty() && timeouts.front().first <= now) {
                const std::size_t user = timeouts.front().second;
                timeouts.pop_front();
                if (pending[user]) {
                    pending[user] = false;
                    logins.failure(0, "timeout");
                    leave_at.emplace_back(now, user);
                }
            }
            while (!leave_at.empty() && leave_at.front().first <= now) {
                const std::size_t user = leave_at.front().second;
                leave_at.pop_front();
                users.go_offline(user);
                free_at.emplace_back(now + 3'000'000, user);
            }
            agent.tick(now);
            helpers.tick(now);
            const SippStats& stats = caller.poll(now);
            if (out_schedule.over(now, 0)) caller.stop_new_calls();  // a time bound; -m ends a count
            watch.tick(now, static_cast<double>(agent.active_out() + agent.active_in()));
            progress.tick(now, [&](double t) {
                char line[256];
                std::snprintf(line, sizeof line,
                              "%5.1f s  calls out %llu ok %llu failed  calls in %llu ok %llu failed  logins %llu ok "
                              "%llu failed  gateway cpu %.0f%%  rss %.1f MiB",
                              t, static_cast<unsigned long long>(agent.out().total().successes),
                              static_cast<unsigned long long>(agent.out().total().failures),
                              static_cast<unsigned long long>(stats.successful),
                              static_cast<unsigned long long>(stats.failed),
                              static_cast<unsigned long long>(logins.total().successes),
                              static_cast<unsigned long long>(logins.total().failures), watch.cpu_share() * 100,
                              watch.last().rss_kib / 1024);
                return std::string(line);
            });
        });
    caller.stop_unfinished(r);
    watch.finish();
    helpers.finish(r);
    users.on_registration({});

    ModeResult out, in, churned;
    out.mode = "mixed_calls_out";
    out.description = "calls out, beside calls in and login churn";
    fill_result(out, agent.out(), out_schedule, start, last_call, nullptr);
    Tallies sipp_side;
    caller.collect(sipp_side, o);
    in.mode = "mixed_calls_in";
    in.description = "calls in (sipp), beside calls out and login churn";
    fill_result(in, sipp_side, out_schedule, start, now_us(), nullptr);
    use_offer_window(in, caller.sipp().log_path());
    churned.mode = "mixed_logins";
    churned.description = "login churn (online, registered, hold, offline), beside the calls";
    fill_result(churned, logins, login_schedule, start, last_login, nullptr);

    r.offered_rate = 3 * o.rate;
    r.attempts = out.attempts + in.attempts + churned.attempts;
    r.successes = out.successes + in.successes + churned.successes;
    r.failures = out.failures + in.failures + churned.failures;
    for (const ModeResult* part : {&out, &in, &churned})
        for (const auto& [cause, n] : part->failures_by_cause) r.failures_by_cause[part->mode + ": " + cause] += n;
    r.duration_s = out.duration_s;
    r.achieved_rate = r.duration_s > 0 ? static_cast<double>(r.successes) / r.duration_s : 0;
    r.unit = "active call";
    fill_resources(r, watch);
    r.notes.push_back("CPU per operation is over all operations: a call out, a call in or a login");
    check_drained(stage, r);
    finish_stage(stage, r);
    parts = {churned, out, in};
    return r;
}

}  // namespace gw::load
