#include "loadtest/stage.hpp"

#include "loadtest/accounts.hpp"
#include "tests/rig/text_file.hpp"

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#ifndef XSG_LOAD_SCENARIO_DIR
#error "XSG_LOAD_SCENARIO_DIR must be defined by the build (loadtest/meson.build)"
#endif

namespace gw::load {

std::string scenario(const std::string& name) {
    const std::string path = std::string(XSG_LOAD_SCENARIO_DIR) + "/" + name + ".xml";
    if (!std::filesystem::is_regular_file(path)) throw std::runtime_error("no sipp scenario " + path);
    return path;
}

SipSide::SipSide(const Options& options, const std::string& dir, std::size_t users, bool with_callee, bool use_kamailio) {
    if (use_kamailio) {
        std::vector<std::pair<std::string, std::string>> digest_users;
        for (std::size_t i = 0; i < users; ++i) digest_users.emplace_back(sip_user(i), kSipPassword);
        kamailio = std::make_unique<LoadKamailio>(std::move(digest_users));
        kamailio_group = kamailio->group();
    }
    if (with_callee) {
        // Dialogs stuck longer than a call could last are dropped quietly (no BYE from sipp: most
        // of them are registrations, whose next REGISTER starts a new dialog).
        std::vector<std::string> args = {
            "-set", "password", kSipPassword, "-default_behaviors", "all,-bye", "-recv_timeout",
            std::to_string(static_cast<long>((options.hold_s + options.timeout_s) * 1000 + 30000))};
        if (options.sip_trace) args.insert(args.end(), {"-trace_msg", "-message_file", dir + "/callee-messages.log"});
        callee = std::make_unique<Sipp>(
            SippOptions{.name = "callee", .dir = dir, .scenario = scenario("callee"), .remote = {}, .args = args});
        if (kamailio) {
            const std::string contact = "@127.0.0.1:" + std::to_string(callee->port());
            kamailio->add_static_contact("bob", "sip:bob" + contact);
            kamailio->add_static_contact("answer-now", "sip:answer-now" + contact);
        }
    }
}

std::string SipSide::proxy() const {
    if (builtin_port != 0) return "127.0.0.1:" + std::to_string(builtin_port);
    return "127.0.0.1:" + std::to_string(kamailio ? kamailio->port() : callee->port());
}

std::vector<pid_t> Stage::sipp_pids() const {
    if (!sip_->callee) return {};
    return {sip_->callee->pid()};
}

Stage::Stage(const Options& options, const std::string& mode, std::size_t users, bool calls, CallOptions call_options)
    : options_(options) {
    if (options.builtin_callee) {
        answerer_ = std::make_unique<SipAnswerer>(loop_.base());
        call_options.callee_time = [this](std::size_t user) { return answerer_->take_answer_time(sip_user(user)); };
    }
    sip_ = std::make_unique<SipSide>(options, dir_.path(), options.kamailio ? users : 0, !answerer_,
                                     options.kamailio);
    if (answerer_) sip_->builtin_port = answerer_->port();
    const std::string store = dir_.file("accounts.db");
    tokens_ = seed_accounts({.store_path = store, .users = users, .proxy = sip_->proxy(), .sip_domain = "127.0.0.1"});
    xmpp_ = std::make_unique<XmppSide>(loop_.base(), users, options.jmi_in, std::move(call_options));
    gateway_ = std::make_unique<Gateway>(GatewayOptions{
        .binary = options.gateway,
        .dir = dir_.path(),
        .cpu = options.gateway_cpu,
        .log_level = options.log_level,
        .xmpp_port = xmpp_->server().port(),
        .secret = xmpp_->secret(),
        .store_path = store,
        .calls = calls,
    });
    if (!loop_.run([&] { return xmpp_->link_up() || !gateway_->running(); }, 20'000'000) || !xmpp_->link_up())
        throw std::runtime_error(mode + ": the gateway did not connect to the load tool's component server" +
                                 (xmpp_->link_lost().empty() ? "" : " (" + xmpp_->link_lost() + ")") +
                                 "; its log ends with:\n" + gateway_->log_tail());
    // On connect the gateway probes every account's presence: wait until that burst is through.
    Users& u = xmpp_->users();
    if (!loop_.run([&] { return u.probes() >= users; }, 60'000'000))
        throw std::runtime_error(mode + ": the gateway probed " + std::to_string(u.probes()) + " of " +
                                 std::to_string(users) + " users; its log ends with:\n" + gateway_->log_tail());
    loop_.run([] { return false; }, 200'000);  // let the gateway finish the burst's log lines
}

Stage::~Stage() = default;

void Stage::require_link() {
    xmpp_->sample_backlog();
    if (!xmpp_->link_up())
        throw std::runtime_error("the component link went down: " + xmpp_->link_lost() +
                                 "; the gateway's log ends with:\n" + gateway_->log_tail());
}

bool Stage::warm_up(double rate, std::string& why, std::size_t count) {
    Users& users = xmpp_->users();
    std::size_t failed = 0;
    std::string first_cause;
    users.on_registration([&](std::size_t, bool ok, const std::string& cause) {
        if (!ok && failed++ == 0) first_cause = cause;
    });
    const Micros start = now_us();
    std::size_t next = 0;
    const std::size_t total = std::min(count, users.size());
    const Micros budget = static_cast<Micros>((static_cast<double>(total) / rate + options_.timeout_s) * 1e6);
    const bool done = loop_.run(
        [&] { return users.registered_count() == total || failed > 0 || !xmpp_->link_up(); }, budget,
        [&](Micros now) {
            const auto due = std::min<std::size_t>(
                total, static_cast<std::size_t>(rate * static_cast<double>(now - start) / 1e6) + 1);
            while (next < due) users.go_online(next++);
        });
    users.on_registration({});
    if (done && failed == 0 && users.registered_count() == total) return true;
    why = std::to_string(users.registered_count()) + " of " + std::to_string(total) + " users registered" +
          (failed ? ", " + std::to_string(failed) + " failed (first: " + first_cause + ")" : "") +
          (xmpp_->link_up() ? "" : "; link lost: " + xmpp_->link_lost());
    return false;
}

bool Stage::all_offline(double rate, Micros timeout_us) {
    Users& users = xmpp_->users();
    std::vector<std::size_t> online;
    for (std::size_t i = 0; i < users.size(); ++i)
        if (users.online(i)) online.push_back(i);
    const Micros start = now_us();
    std::size_t next = 0;
    Micros next_poll = 0;
    bool clear = false;
    return loop_.run(
        [&] { return clear; }, timeout_us,
        [&](Micros now) {
            const auto due = std::min<std::size_t>(
                online.size(), static_cast<std::size_t>(rate * static_cast<double>(now - start) / 1e6) + 1);
            for (; next < due; ++next) users.go_offline(online[next]);
            if (next == online.size() && now >= next_poll) {
                next_poll = now + 200'000;
                if (auto m = gateway_->metrics()) {
                    const auto registered = metric(*m, {"xsg_sip_registered"});
                    const auto still_online = metric(*m, {"xsg_users_online"});
                    clear = registered && *registered == 0 && still_online && *still_online == 0;
                }
            }
        });
}

int Stage::stop_gateway() {
    // The loop keeps running while the gateway shuts down: it closes its stream and waits for
    // ours to close too (2 s, libstrophe's limit, if nobody reads it).
    gateway_->terminate();
    loop_.run([&] { return !gateway_->running(); }, 15'000'000);
    return gateway_->stop(std::chrono::seconds(1));
}

void Progress::tick(Micros now, const std::function<std::string(double)>& line) {
    if (quiet_ || now < next_) return;
    next_ += 1'000'000;
    if (next_ <= now) next_ = now + 1'000'000;
    std::fprintf(stderr, "[%s] %s\n", label_.c_str(), line(static_cast<double>(now - start_) / 1e6).c_str());
}

}  // namespace gw::load
