// logins: seeded users come online on schedule; each login succeeds when the gateway's presence
// says "registered as ..." (REGISTER, 401, REGISTER with digest, 200 at the SIP side). Memory per
// registered user is read with everyone online; then everyone leaves and the gateway must hold
// no registration afterwards.
#include "loadtest/measure.hpp"
#include "loadtest/modes.hpp"
#include "loadtest/stage.hpp"

#include <algorithm>
#include <deque>

namespace gw::load {

ModeResult run_logins(const Options& o) {
    const std::size_t users = o.count > 0 ? o.count : 50000;
    ModeResult r;
    r.mode = "logins";
    r.unit = "registered user";
    r.description = std::string("presence -> REGISTER with digest at ") + (o.kamailio ? "Kamailio" : "a sipp registrar") +
                    ", " + std::to_string(users) + " users";
    Stage stage(o, "logins", users, false, CallOptions{});
    Users& u = stage.xmpp().users();

    Schedule schedule({.rate = o.rate, .ramp_step = o.ramp_step, .ramp_interval_s = o.ramp_interval_s,
                       .max_rate = o.max_rate, .count = users, .duration_s = o.duration_s});
    RampJudge judge(schedule, o.max_p99_ms, o.timeout_s);
    Tallies tallies;
    std::vector<Micros> started_at(users, 0);
    std::vector<std::uint32_t> step_of(users, 0);
    std::vector<bool> pending(users, false);
    std::deque<std::pair<Micros, std::size_t>> timeouts;
    u.on_registration([&](std::size_t user, bool ok, const std::string& cause) {
        if (!pending[user]) return;
        pending[user] = false;
        if (ok) {
            tallies.latency(step_of[user], now_us() - started_at[user]);
            tallies.success(step_of[user]);
        } else {
            tallies.failure(step_of[user], cause);
        }
    });

    ResourceWatch watch([&] { return stage.gateway().sample(); });
    Progress progress(o.quiet, "logins");
    HelperCpu helpers;
    watch.start();
    helpers.start({stage.sip().callee->pid()});
    const Micros start = now_us();
    schedule.start(start);
    progress.start(start);
    std::size_t next = 0;
    Micros last_start = start;
    const Micros timeout = static_cast<Micros>(o.timeout_s * 1e6);
    const double bound_s = (o.duration_s > 0 ? o.duration_s : static_cast<double>(users) / o.rate) + o.timeout_s + 5;
    stage.loop().run(
        [&] { return schedule.over(now_us(), next) && tallies.in_flight() == 0; },
        static_cast<Micros>(bound_s * 1e6),
        [&](Micros now) {
            stage.require_link();
            schedule.start_due(now, next, [&](std::uint64_t user, std::size_t step) {
                started_at[user] = now;
                step_of[user] = static_cast<std::uint32_t>(step);
                pending[user] = true;
                tallies.attempt(step);
                timeouts.emplace_back(now + timeout, user);
                u.go_online(user);
                last_start = now;
            }, users);
            while (!timeouts.empty() && timeouts.front().first <= now) {
                const std::size_t user = timeouts.front().second;
                timeouts.pop_front();
                if (pending[user]) {
                    pending[user] = false;
                    tallies.failure(step_of[user], "timeout");
                }
            }
            judge.check(now, tallies, tallies.in_flight());
            helpers.tick(now);
            watch.tick(now, static_cast<double>(u.registered_count()));
            progress.tick(now, [&](double t) {
                char line[256];
                std::snprintf(line, sizeof line,
                              "%5.1f s  offered %.0f/s  started %zu/%zu  registered %llu  failed %llu  waiting %llu  "
                              "gateway cpu %.0f%%  rss %.1f MiB",
                              t, schedule.rate_at(now), next, users,
                              static_cast<unsigned long long>(tallies.total().successes),
                              static_cast<unsigned long long>(tallies.total().failures),
                              static_cast<unsigned long long>(tallies.in_flight()), watch.cpu_share() * 100,
                              watch.last().rss_kib / 1024);
                return std::string(line);
            });
        });
    watch.tick(now_us() + 1'000'000, static_cast<double>(u.registered_count()));
    watch.finish();
    helpers.finish(r);
    for (std::size_t user = 0; user < next; ++user)
        if (pending[user]) tallies.failure(step_of[user], "no-outcome");
    fill_result(r, tallies, schedule, start, last_start, &judge);
    fill_resources(r, watch);
    if (auto m = stage.gateway().metrics())
        if (auto registered = metric(*m, {"xsg_sip_registered"})) r.figures["gateway_registered"] = *registered;

    // Everyone leaves: the gateway must un-REGISTER them all.
    const Micros logout_start = now_us();
    const double logout_rate = std::max(o.rate, 1000.0);
    const bool clear = stage.all_offline(
        logout_rate, static_cast<Micros>((static_cast<double>(users) / logout_rate + o.timeout_s + 30) * 1e6));
    r.figures["logout_s"] = static_cast<double>(now_us() - logout_start) / 1e6;
    if (!clear) r.notes.push_back("after logout the gateway still held registrations (or did not answer /metrics)");
    r.figures["unregistered_after_logout"] = clear ? 1 : 0;
    r.figures["xmpp_backlog_max_kib"] = static_cast<double>(stage.xmpp().backlog_max()) / 1024;
    const int status = stage.stop_gateway();
    r.figures["gateway_exit_status"] = status;
    if (status != 0) r.notes.push_back("the gateway exited with status " + std::to_string(status) + " on SIGTERM");
    return r;
}

}  // namespace gw::load
