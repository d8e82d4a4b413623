// fullstack: what a deployment sees end to end. A real Prosody or ejabberd on 127.0.0.1 with the
// gateway as its component, sipp as registrar (digest) and callee, and the users as real client
// connections (c2s_clients.hpp). Outside the measured phases: accounts are created (XEP-0077),
// users log in (SASL, bind, roster), sign up with the gateway through the XEP-0100 form (which
// also puts the gateway on each user's roster at the server, as a real sign-up does: seeding the
// gateway's store alone would leave the server without the subscriptions that route presence to
// the gateway), then go offline. Then two measured phases:
//   logins: each user sends available presence; done when the gateway's presence "registered as
//           ..." reaches the client (server -> gateway -> REGISTER, 401, REGISTER, 200 -> server);
//   calls:  users send session-initiate to bob%127.0.0.1@gateway at the target rate (or a ramp);
//           set-up is session-initiate sent -> session-accept received at the client; after the
//           hold the user sends session-terminate.
// The XMPP server's CPU per operation is reported beside the gateway's: it is usually the limit.
#include "loadtest/accounts.hpp"
#include "loadtest/c2s_clients.hpp"
#include "loadtest/fullstack_server.hpp"
#include "loadtest/fullstack_users.hpp"
#include "loadtest/measure.hpp"
#include "loadtest/modes.hpp"
#include "loadtest/stage.hpp"
#include "tests/rig/temp_dir.hpp"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <stdexcept>

namespace gw::load {
namespace {

// At most this many account registrations or logins in flight at once: ejabberd listens with a
// backlog of 5 (its default), and connections beyond it stalled mid-login. The clients' SCRAM
// proofs, not the round trips, set the pace anyway.
constexpr std::size_t kSetupParallel = 4;

struct World {
    World(const Options& o, std::size_t users);

    std::optional<MetricValues> metrics() const { return gateway->metrics(); }
    // Polls /metrics until `name` == value (every 200 ms) while the clients run.
    bool wait_metric(std::string_view name, double value, Micros timeout_us);
    [[noreturn]] void broken(const std::string& why) const;

    rig::TempDir dir{"xsg-load"};
    std::unique_ptr<SipSide> sip;
    std::unique_ptr<FullStackServer> server;
    std::unique_ptr<Gateway> gateway;
    FullStackUsers* users_ptr = nullptr;
    std::unique_ptr<ClientPool> clients;
    std::unique_ptr<FullStackUsers> users;
};

World::World(const Options& o, std::size_t count) {
    sip = std::make_unique<SipSide>(o, dir.path(), 0, true, false);
    const std::string secret = random_secret();
    server = std::make_unique<FullStackServer>(o.xmpp_server, secret);
    gateway = std::make_unique<Gateway>(GatewayOptions{
        .binary = o.gateway,
        .dir = dir.path(),
        .cpu = o.gateway_cpu,
        .log_level = o.log_level,
        .xmpp_port = server->component_port(),
        .secret = secret,
        .store_path = dir.file("accounts.db"),
        .calls = true,
    });
    clients = std::make_unique<ClientPool>(server->c2s_port(), count,
                                           [this](std::size_t user, _xmpp_stanza_t* s) { users_ptr->handle(user, s); });
    users = std::make_unique<FullStackUsers>(
        *clients, sip->proxy(),
        FullStackCallOptions{.hold_us = static_cast<Micros>(o.hold_s * 1e6),
                             .timeout_us = static_cast<Micros>(o.timeout_s * 1e6),
                             .callee = std::string(o.answer_at_once ? "answer-now" : "bob") + "%127.0.0.1@" + kComponent});
    users_ptr = users.get();
    if (!wait_metric("xsg_component_connected", 1, 30'000'000))
        broken("the gateway did not connect to " + server->name() + " as its component");
}

bool World::wait_metric(std::string_view name, double value, Micros timeout_us) {
    Micros next_poll = 0;
    bool reached = false;
    clients->run([&] { return reached; }, timeout_us, [&](Micros now) {
        if (now < next_poll) return;
        next_poll = now + 200'000;
        if (auto m = metrics()) {
            const auto v = metric(*m, {name});
            reached = v && *v == value;
        }
    });
    return reached;
}

void World::broken(const std::string& why) const {
    throw std::runtime_error(why + "; the gateway's log ends with:\n" + gateway->log_tail() + "\n" + server->name() +
                             "'s log ends with:\n" + server->log_tail());
}

// The XMPP server's share beside the gateway's, over one phase (after HelperCpu filled the load
// tool's and sipp's: the three share the cores the gateway is not pinned to).
void add_server_figures(ModeResult& r, const ResourceWatch& server, const std::string& name, int gateway_cpu) {
    const double cpu = server.cpu_since_start();
    const double seconds = server.seconds_since_start();
    r.figures["xmpp_server_cpu_seconds"] = cpu;
    if (r.successes > 0) r.figures["xmpp_server_cpu_us_per_op"] = cpu * 1e6 / static_cast<double>(r.successes);
    r.figures["xmpp_server_rss_kib"] = server.last().rss_kib;
    if (seconds <= 0) return;
    const double share = cpu / seconds * 100;
    r.figures["xmpp_server_cpu_busy_percent"] = share;
    const double gateway_share = r.figures.contains("cpu_busy_percent") ? r.figures["cpu_busy_percent"] : 0;
    char text[320];
    std::snprintf(text, sizeof text, "%s used %.0f %% of a core (%.0f µs per operation), the gateway %.0f %% (%.0f µs): %s",
                  name.c_str(), share, r.successes ? cpu * 1e6 / static_cast<double>(r.successes) : 0.0, gateway_share,
                  r.cpu_us_per_op,
                  share > gateway_share ? "the XMPP server is the bottleneck, as usual"
                                        : "the gateway worked harder than the XMPP server");
    r.notes.push_back(text);
    const int shared_cores = cpu_count() - (gateway_cpu >= 0 ? 1 : 0);
    const double helpers = share + r.figures["load_tool_cpu_percent"] + r.figures["sipp_cpu_percent"];
    r.figures["shared_cores_busy_percent"] = helpers / shared_cores;
    std::snprintf(text, sizeof text,
                  "%s, xsg-load's clients and sipp share %d core%s: together %.0f %% busy%s", name.c_str(), shared_cores,
                  shared_cores == 1 ? "" : "s", helpers / shared_cores,
                  helpers / shared_cores > 85 ? " (saturated: beyond this rate they, not the gateway, are the limit)" : "");
    r.notes.push_back(text);
}

void check_connections(const ClientPool& clients, ModeResult& r) {
    r.figures["client_connections_lost"] = static_cast<double>(clients.lost());
    if (clients.lost() > 0)
        r.notes.push_back(std::to_string(clients.lost()) + " client connections went down (first: " + clients.first_loss() + ")");
}

// Logins at the target rate. With more logins than users, users cycle as real ones do: online
// for the hold after their outcome, then offline (the gateway un-REGISTERs), free again after
// kRelogin_us; a login due while no user is free fails as "no-free-user" (give more --users).
constexpr Micros kReloginUs = 500'000;

std::uint64_t login_count(const Options& o, std::size_t users) {
    if (o.ramp_step > 0) return 0;  // a ramp ends when a step fails
    if (o.count == 0) return users;
    // Both phases last as long: as many logins at --login-rate as calls at --rate.
    return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(static_cast<double>(o.count) * o.login_rate / o.rate + 0.5));
}

ModeResult run_logins_phase(const Options& o, World& w, std::size_t users) {
    const std::uint64_t count = login_count(o, users);
    ModeResult r;
    r.mode = "fullstack_logins";
    r.unit = "registered user";
    r.description = "through " + w.server->name() + ": available presence -> the gateway's \"registered as\" at the client"
                    " (REGISTER with digest at a sipp registrar), " + std::to_string(users) + " c2s clients" +
                    (count == users ? "" : ", each online for " + format_ms(o.hold_s * 1000) + " ms, then offline and again");
    FullStackUsers& u = *w.users;
    Schedule schedule({.rate = o.login_rate, .ramp_step = o.ramp_step, .ramp_interval_s = o.ramp_interval_s,
                       .max_rate = o.max_rate, .count = count, .duration_s = count ? 0 : o.duration_s});
    RampJudge judge(schedule, o.max_p99_ms, o.timeout_s);
    Tallies tallies;
    struct Login {
        Micros started = 0;
        std::uint32_t step = 0;
        std::uint32_t sequence = 0;  // the user's login count: stale timers skip
        bool pending = false;
    };
    std::vector<Login> login(users);
    std::deque<std::size_t> free_users;
    for (std::size_t i = 0; i < users; ++i) free_users.push_back(i);
    struct Due {
        Micros at;
        std::size_t user;
        std::uint32_t sequence;
    };
    std::deque<Due> timeouts, leave, rejoin;  // each in time order: one timeout, one hold, one pause
    const Micros timeout = static_cast<Micros>(o.timeout_s * 1e6);
    const Micros hold = static_cast<Micros>(o.hold_s * 1e6);
    auto outcome = [&](std::size_t user, bool ok, const std::string& cause, Micros now) {
        Login& l = login[user];
        if (!l.pending) return;
        l.pending = false;
        if (ok) {
            tallies.latency(l.step, now - l.started);
            tallies.success(l.step);
        } else {
            tallies.failure(l.step, cause);
        }
        if (count != users) leave.push_back({now + hold, user, l.sequence});
    };
    u.on_registration([&](std::size_t user, bool ok, const std::string& cause) { outcome(user, ok, cause, now_us()); });
    ResourceWatch watch([&] { return w.gateway->sample(); });
    ResourceWatch server([&] { return w.server->sample(); });
    Progress progress(o.quiet, "fullstack logins");
    HelperCpu helpers;
    watch.start();
    server.start();
    helpers.start({w.sip->callee->pid()});
    const Micros start = now_us();
    schedule.start(start);
    progress.start(start);
    std::uint64_t next = 0;
    Micros last_start = start;
    const double bound_s = (count ? static_cast<double>(count) / o.login_rate : o.duration_s) + o.timeout_s + 5;
    w.clients->run(
        [&] { return schedule.over(now_us(), next) && tallies.in_flight() == 0; }, static_cast<Micros>(bound_s * 1e6),
        [&](Micros now) {
            while (!leave.empty() && leave.front().at <= now) {
                const Due d = leave.front();
                leave.pop_front();
                u.go_offline(d.user);
                rejoin.push_back({now + kReloginUs, d.user, d.sequence});
            }
            while (!rejoin.empty() && rejoin.front().at <= now) {
                free_users.push_back(rejoin.front().user);
                rejoin.pop_front();
            }
            schedule.start_due(now, next, [&](std::uint64_t, std::size_t current) {
                const auto step = static_cast<std::uint32_t>(current);
                tallies.attempt(step);
                last_start = now;
                if (free_users.empty()) {
                    tallies.failure(step, "no-free-user");
                    return;
                }
                const std::size_t user = free_users.front();
                free_users.pop_front();
                Login& l = login[user];
                l = Login{.started = now, .step = step, .sequence = l.sequence + 1, .pending = true};
                timeouts.push_back({now + timeout, user, l.sequence});
                u.go_online(user);
            });
            while (!timeouts.empty() && timeouts.front().at <= now) {
                const Due d = timeouts.front();
                timeouts.pop_front();
                if (login[d.user].sequence == d.sequence) outcome(d.user, false, "timeout", now);
            }
            judge.check(now, tallies, tallies.in_flight());
            helpers.tick(now);
            watch.tick(now, static_cast<double>(u.registered_count()));
            server.tick(now, 0);
            progress.tick(now, [&](double t) {
                char line[256];
                std::snprintf(line, sizeof line,
                              "%5.1f s  offered %.0f/s  started %llu  registered %llu  failed %llu  waiting %llu  "
                              "online %zu  gateway cpu %.0f%%  %s cpu %.0f%%",
                              t, schedule.rate_at(now), static_cast<unsigned long long>(next),
                              static_cast<unsigned long long>(tallies.total().successes),
                              static_cast<unsigned long long>(tallies.total().failures),
                              static_cast<unsigned long long>(tallies.in_flight()), u.registered_count(),
                              watch.cpu_share() * 100, w.server->name().c_str(), server.cpu_share() * 100);
                return std::string(line);
            });
        });
    watch.tick(now_us() + 1'000'000, static_cast<double>(u.registered_count()));
    watch.finish();
    server.finish();
    helpers.finish(r);
    u.on_registration({});
    for (std::size_t user = 0; user < users; ++user)
        if (login[user].pending) tallies.failure(login[user].step, "no-outcome");
    fill_result(r, tallies, schedule, start, last_start, &judge);
    fill_resources(r, watch);
    add_server_figures(r, server, w.server->name(), o.gateway_cpu);
    r.figures["users_cycled"] = count == users ? 0 : 1;
    if (r.failures_by_cause.contains("no-free-user"))
        r.notes.push_back("logins were due while every user was online or pausing: a user's cycle (outcome, --hold "
                          "online, 0.5 s offline) took longer than users / rate; with slow outcomes the system was "
                          "overloaded, else give more --users (up to " + std::to_string(kMaxClients) + ") or a shorter --hold");
    return r;
}

// Brings every user online (not measured) for the calls; true when all are registered.
bool everyone_online(const Options& o, World& w, std::size_t users) {
    const Micros start = now_us();
    std::size_t next = 0;
    return w.clients->run(
        [&] { return next == users && w.users->registered_count() == users; },
        static_cast<Micros>((static_cast<double>(users) / o.warmup_rate + o.timeout_s + 5) * 1e6), [&](Micros now) {
            const auto due = std::min<std::size_t>(
                users, static_cast<std::size_t>(o.warmup_rate * static_cast<double>(now - start) / 1e6) + 1);
            for (; next < due; ++next)
                if (!w.users->online(next)) w.users->go_online(next);
        });
}

ModeResult run_calls_phase(const Options& o, World& w, std::size_t users) {
    ModeResult r;
    r.mode = "fullstack_calls";
    r.unit = "active call";
    r.description = "through " + w.server->name() + ": session-initiate -> INVITE to sipp" +
                    (o.answer_at_once ? " answering at once" : " ringing (180) and answering") +
                    " -> session-accept at the client, hold " + format_ms(o.hold_s * 1000) + " ms, " +
                    std::to_string(users) + " c2s clients";
    FullStackUsers& u = *w.users;
    Schedule schedule({.rate = o.rate, .ramp_step = o.ramp_step, .ramp_interval_s = o.ramp_interval_s,
                       .max_rate = o.max_rate, .count = o.count, .duration_s = o.duration_s});
    RampJudge judge(schedule, o.max_p99_ms, o.timeout_s);
    ResourceWatch watch([&] { return w.gateway->sample(); });
    ResourceWatch server([&] { return w.server->sample(); });
    Progress progress(o.quiet, "fullstack calls");
    HelperCpu helpers;
    watch.start();
    server.start();
    helpers.start({w.sip->callee->pid()});
    const Micros start = now_us();
    schedule.start(start);
    progress.start(start);
    std::uint64_t next = 0;
    Micros last_start = start;
    const double bound_s = (o.duration_s > 0 ? o.duration_s : static_cast<double>(o.count) / o.rate) + o.hold_s +
                           2 * o.timeout_s + 5;
    w.clients->run(
        [&] { return schedule.over(now_us(), next) && u.active_calls() == 0; }, static_cast<Micros>(bound_s * 1e6),
        [&](Micros now) {
            if (schedule.start_due(now, next, [&](std::uint64_t i, std::size_t step) { u.call_out(i % users, step, now); }))
                last_start = now;
            u.tick(now);
            judge.check(now, u.calls(), u.waiting_calls());
            helpers.tick(now);
            watch.tick(now, static_cast<double>(u.active_calls()));
            server.tick(now, 0);
            progress.tick(now, [&](double t) {
                const Tally& total = u.calls().total();
                char line[256];
                std::snprintf(line, sizeof line,
                              "%5.1f s  offered %.0f/s  started %llu  answered %zu  completed %llu  failed %llu  up %zu  "
                              "setting up %zu  gateway cpu %.0f%%  %s cpu %.0f%%",
                              t, schedule.rate_at(now), static_cast<unsigned long long>(total.attempts),
                              total.setup.size(), static_cast<unsigned long long>(total.successes),
                              static_cast<unsigned long long>(total.failures), u.active_calls(), u.waiting_calls(),
                              watch.cpu_share() * 100, w.server->name().c_str(), server.cpu_share() * 100);
                return std::string(line);
            });
        });
    watch.finish();
    server.finish();
    helpers.finish(r);
    if (u.active_calls() > 0)
        r.notes.push_back(std::to_string(u.active_calls()) + " calls had no outcome when the time bound was reached");
    fill_result(r, u.calls(), schedule, start, last_start, &judge);
    fill_resources(r, watch);
    add_server_figures(r, server, w.server->name(), o.gateway_cpu);
    // The gateway's call records and SIP legs must drain to zero.
    std::optional<double> records, legs;
    w.clients->run(
        [&] { return records && legs && *records == 0 && *legs == 0; }, 5'000'000, [&](Micros) {
            if (auto m = w.metrics()) {
                records = metric(*m, {"xsg_calls_active"});
                legs = metric(*m, {"xsg_call_legs"});
            }
        });
    if (records && legs) {
        r.figures["calls_left_in_gateway"] = *records;
        r.figures["call_legs_left_in_gateway"] = *legs;
        if (*records != 0 || *legs != 0)
            r.notes.push_back("5 s after the last call the gateway still held " + std::to_string(static_cast<long>(*records)) +
                              " call records and " + std::to_string(static_cast<long>(*legs)) + " SIP call legs");
    } else {
        r.notes.push_back("the gateway's /metrics shows no call record or call leg gauge");
    }
    return r;
}

// Everyone goes offline at `rate`; true when the gateway then holds no registration.
bool all_offline(World& w, std::size_t users, double rate, Micros timeout_us) {
    const Micros start = now_us();
    std::size_t next = 0;
    w.clients->run([&] { return next == users; }, timeout_us, [&](Micros now) {
        const auto due = std::min<std::size_t>(users, static_cast<std::size_t>(rate * static_cast<double>(now - start) / 1e6) + 1);
        for (; next < due; ++next)
            if (w.users->online(next)) w.users->go_offline(next);
    });
    return w.wait_metric("xsg_sip_registered", 0, timeout_us) && w.wait_metric("xsg_users_online", 0, 5'000'000);
}

std::size_t fullstack_users(const Options& o) { return o.users > 0 ? o.users : std::min<std::size_t>(500, kMaxClients); }

}  // namespace

std::vector<ModeResult> run_fullstack(const Options& o) {
    const std::size_t users = fullstack_users(o);
    if (users > kMaxClients)
        throw std::runtime_error("fullstack: at most " + std::to_string(kMaxClients) + " users (--users)");
    World w(o, users);

    // Set-up, not measured: accounts, logins, sign-ups, everyone offline.
    std::string why;
    Micros t = now_us();
    if (!w.clients->create_accounts(kSetupParallel, static_cast<Micros>((users / 20.0 + 30) * 1e6), why)) w.broken(why);
    const double accounts_s = static_cast<double>(now_us() - t) / 1e6;
    t = now_us();
    if (!w.clients->connect_all(kSetupParallel, static_cast<Micros>((users / 20.0 + 30) * 1e6), why)) w.broken(why);
    const double connect_s = static_cast<double>(now_us() - t) / 1e6;
    std::fprintf(stderr, "xsg-load: %zu accounts created in %.1f s, logged in over c2s in %.1f s\n", users, accounts_s,
                 connect_s);
    t = now_us();
    std::size_t next = 0;
    const bool signed_up = w.clients->run(
        [&] { return w.users->signed_up() == users || w.users->sign_up_failures() > 0; },
        static_cast<Micros>((static_cast<double>(users) / o.warmup_rate + o.timeout_s + 10) * 1e6), [&](Micros now) {
            const auto due = std::min<std::size_t>(
                users, static_cast<std::size_t>(o.warmup_rate * static_cast<double>(now - t) / 1e6) + 1);
            for (; next < due; ++next) w.users->sign_up(next);
        });
    if (!signed_up || w.users->sign_up_failures() > 0)
        w.broken("fullstack: " + std::to_string(w.users->signed_up()) + " of " + std::to_string(users) +
                 " users signed up" +
                 (w.users->sign_up_failures() ? " (first failure: " + w.users->first_sign_up_failure() + ")" : ""));
    const double sign_up_s = static_cast<double>(now_us() - t) / 1e6;
    if (!all_offline(w, users, 1000, static_cast<Micros>((o.timeout_s + 20) * 1e6)))
        w.broken("fullstack: after the sign-ups the gateway still held registrations");

    std::vector<ModeResult> results;
    results.push_back(run_logins_phase(o, w, users));
    if (everyone_online(o, w, users)) {
        results.push_back(run_calls_phase(o, w, users));
    } else {
        ModeResult skipped;
        skipped.mode = "fullstack_calls";
        skipped.description = "did not run";
        skipped.notes.push_back("not run: only " + std::to_string(w.users->registered_count()) + " of " +
                                std::to_string(users) + " users could be registered after the logins");
        results.push_back(std::move(skipped));
    }
    ModeResult& logins = results.front();
    logins.figures["setup_accounts_s"] = accounts_s;
    logins.figures["setup_c2s_logins_s"] = connect_s;
    logins.figures["setup_c2s_logins_per_s"] = connect_s > 0 ? static_cast<double>(users) / connect_s : 0;
    logins.figures["setup_sign_ups_s"] = sign_up_s;
    logins.figures["disco_queries_to_clients"] = static_cast<double>(w.users->disco_queries());

    // Everyone leaves: the gateway must un-REGISTER them all; then it must stop cleanly.
    const bool clear = all_offline(w, users, 1000, static_cast<Micros>((o.timeout_s + 30) * 1e6));
    logins.figures["unregistered_after_logout"] = clear ? 1 : 0;
    if (!clear) logins.notes.push_back("after logout the gateway still held registrations (or did not answer /metrics)");
    const int status = w.gateway->stop(std::chrono::seconds(15));
    for (ModeResult& r : results) {
        check_connections(*w.clients, r);
        r.figures["gateway_exit_status"] = status;
        if (status != 0) r.notes.push_back("the gateway exited with status " + std::to_string(status) + " on SIGTERM");
        r.figures["stanzas_to_clients_unhandled"] = static_cast<double>(w.users->unhandled());
        for (const std::string& sample : w.users->unhandled_samples()) r.notes.push_back("stanza nobody handled: " + sample);
    }
    return results;
}

}  // namespace gw::load
