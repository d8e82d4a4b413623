#include "gateway/app.hpp"

#include "gateway/bridge.hpp"
#include "gateway/host_port.hpp"
#include "gateway/http_server.hpp"
#include "gateway/metrics.hpp"
#include "gateway/signals.hpp"
#include "gateway/store/account_store.hpp"
#include "sip/sofia_loop.hpp"
#include "sip/user_agent.hpp"
#include "xmpp/component_link.hpp"

#include <arpa/inet.h>
#include <event2/event.h>
#include <netdb.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <stdexcept>

namespace gw {
namespace {

constexpr double kShutdownGraceS = 10.0;

// libstrophe resolves with a blocking getaddrinfo on every connect: resolve a name once here.
std::string resolve_once(const std::string& host) {
    in6_addr scratch;
    if (inet_pton(AF_INET, host.c_str(), &scratch) == 1 || inet_pton(AF_INET6, host.c_str(), &scratch) == 1)
        return host;
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const int rc = getaddrinfo(host.c_str(), nullptr, &hints, &found);
    if (rc != 0 || found == nullptr)
        throw std::runtime_error("cannot resolve XMPP server " + host + ": " + gai_strerror(rc));
    char text[INET6_ADDRSTRLEN] = {};
    const void* addr = found->ai_family == AF_INET6
        ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(found->ai_addr)->sin6_addr)
        : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(found->ai_addr)->sin_addr);
    inet_ntop(found->ai_family, addr, text, sizeof text);
    freeaddrinfo(found);
    spdlog::info("xmpp: {} resolved to {}", host, text);
    return text;
}

xmpp::ComponentOptions component_options(const config::Settings& s) {
    xmpp::ComponentOptions o;
    o.jid = s.xmpp.component;
    o.secret = s.xmpp.secret;
    o.host = resolve_once(s.xmpp.host);
    o.port = s.xmpp.port;
    o.reconnect_initial_s = s.xmpp.reconnect_initial_s;
    o.reconnect_max_s = s.xmpp.reconnect_max_s;
    return o;
}

sip::AgentOptions agent_options(const config::Settings& s) {
    auto listen = split_host_port(s.sip.listen, 5060);
    if (!listen) throw std::runtime_error("sip.listen: cannot use \"" + s.sip.listen + "\"");
    sip::AgentOptions o;
    o.bind_host = listen->host;
    o.port = listen->port;
    if (s.sip.outgoing_port == listen->port)
        throw std::runtime_error("sip.outgoing_port: " + std::to_string(s.sip.outgoing_port) +
                                 " is the listen port; give another port, or leave it out");
    o.outgoing_port = s.sip.outgoing_port;
    if (!s.sip.public_address.empty()) {
        auto pub = split_host_port(s.sip.public_address, listen->port);
        if (!pub) throw std::runtime_error("sip.public_address: cannot use \"" + s.sip.public_address + "\"");
        if (pub->port != listen->port)
            throw std::runtime_error("sip.public_address: the port must be the listen port (" +
                                     std::to_string(listen->port) + "): forward that same port");
        o.public_host = pub->host;
    }
    o.user_agent = s.sip.user_agent;
    o.trace = s.log.level == config::LogLevel::trace;
    o.session_timer_s = static_cast<unsigned>(s.calls.session_timer_s);
    return o;
}

store::StoreOptions store_options(const config::Settings& s) {
    store::StoreOptions o;
    o.backend = s.store.backend == config::StoreBackend::sqlite ? store::StoreOptions::Backend::sqlite
                                                                : store::StoreOptions::Backend::postgresql;
    o.path = s.store.path;
    o.conninfo = s.store.conninfo;
    return o;
}

struct EventBaseDeleter {
    void operator()(event_base* base) const { event_base_free(base); }
};

// The services' view of the user agent, which exists only after the bridge.
class AgentAdapter : public Registrar, public SipCalls {
public:
    sip::UserAgent* agent = nullptr;
    sip::RegistrationId register_user(const sip::RegistrationRequest& request) override {
        return agent->register_user(request);
    }
    void unregister_user(sip::RegistrationId id) override { agent->unregister_user(id); }
    sip::CallLegId invite(const sip::OutgoingCall& call) override { return agent->invite(call); }
    void respond(sip::CallLegId id, int status, std::string_view phrase, std::string_view sdp) override {
        agent->respond(id, status, phrase, sdp);
    }
    void hang_up(sip::CallLegId id, int status, std::string_view phrase) override {
        agent->hang_up(id, status, phrase);
    }
    void reinvite(sip::CallLegId id, std::string_view sdp) override { agent->reinvite(id, sdp); }
    void info(sip::CallLegId id, std::string_view content_type, std::string_view info_package,
              std::string_view body) override {
        agent->info(id, content_type, info_package, body);
    }
};

BridgeOptions bridge_options(const config::Settings& s) {
    BridgeOptions o;
    o.accounts.component_jid = s.xmpp.component;
    o.accounts.allowed_domains = s.xmpp.allowed_domains;
    o.accounts.default_domain = s.sip.default_domain;
    o.accounts.policy.expires_s = static_cast<unsigned>(s.sip.register_expires_s);
    o.accounts.policy.rate_per_s = s.sip.register_rate;
    o.accounts.policy.retry_initial_s = s.sip.retry_initial_s;
    o.accounts.policy.retry_max_s = s.sip.retry_max_s;
    o.accounts.policy.default_proxy = s.sip.default_proxy;
    o.link_grace_s = s.xmpp.link_grace_s;
    o.calls.component_jid = s.xmpp.component;
    auto listen = split_host_port(s.sip.listen, 5060);
    auto pub = split_host_port(s.sip.public_address, 5060);
    o.calls.sip_host = pub ? pub->host : listen ? listen->host : "127.0.0.1";
    o.calls.candidate_wait_s = s.calls.candidate_wait_s;
    o.calls.ring_timeout_s = s.calls.ring_timeout_s;
    o.calls.early_media_accept = s.calls.early_media == config::EarlyMedia::accept;
    o.calls.default_proxy = s.sip.default_proxy;
    o.calls.limits.max_total = static_cast<std::size_t>(s.calls.max_total);
    o.calls.limits.max_per_user = static_cast<std::size_t>(s.calls.max_per_user);
    o.calls.limits.rate_per_s = s.calls.rate;
    o.calls.limits.user_rate_per_minute = s.calls.user_rate_per_minute;
    return o;
}

}  // namespace

int run_gateway(const config::Settings& settings) {
    std::unique_ptr<event_base, EventBaseDeleter> base(event_base_new());
    if (!base) {
        spdlog::critical("cannot create the event loop");
        return 1;
    }
    Metrics metrics;
    std::unique_ptr<store::AccountStore> accounts;
    try {
        accounts = store::open_account_store(store_options(settings));
        metrics.accounts = accounts->count();
        spdlog::info("store: {} accounts", metrics.accounts);
    } catch (const std::exception& e) {
        spdlog::critical("cannot open the account store: {}", e.what());
        return 1;
    }
    AgentAdapter adapter;
    Bridge bridge(bridge_options(settings), metrics, *accounts, adapter, adapter, base.get());

    std::unique_ptr<sip::SofiaLoop> sofia;
    std::unique_ptr<sip::UserAgent> agent;
    std::unique_ptr<HttpServer> http;
    std::unique_ptr<xmpp::ComponentLink> link;
    try {
        sofia = std::make_unique<sip::SofiaLoop>(base.get());
        agent = std::make_unique<sip::UserAgent>(*sofia, agent_options(settings), bridge);
        adapter.agent = agent.get();
        if (!settings.http.listen.empty()) {
            auto where = split_host_port(settings.http.listen);
            if (!where) throw std::runtime_error("http.listen: cannot use \"" + settings.http.listen + "\"");
            http = std::make_unique<HttpServer>(base.get(), where->host, where->port);
            http->route("/metrics", [&metrics, &agent] {
                metrics.call_legs = agent->call_leg_count();
                return HttpResponse{200, "text/plain; version=0.0.4", metrics.to_prometheus()};
            });
            http->route("/healthz", [&metrics, &agent] {
                if (!metrics.component_connected) return HttpResponse{503, "text/plain", "component link down\n"};
                if (agent->shut_down()) return HttpResponse{503, "text/plain", "SIP user agent stopped\n"};
                return HttpResponse{200, "text/plain", "ok\n"};
            });
            // Local admin view: one line per account (never a password).
            http->route("/accounts", [&bridge] {
                return HttpResponse{200, "text/plain; charset=utf-8", bridge.accounts().accounts_report()};
            });
        }
        link = std::make_unique<xmpp::ComponentLink>(base.get(), component_options(settings), bridge);
    } catch (const std::exception& e) {
        spdlog::critical("{}", e.what());
        // A started user agent must finish its shutdown before it may be destroyed.
        if (agent) {
            bridge.on_sip_stopped = [&base] { event_base_loopexit(base.get(), nullptr); };
            agent->shutdown();
            timeval grace{2, 0};
            event_base_loopexit(base.get(), &grace);
            event_base_dispatch(base.get());
            if (!agent->shut_down()) {
                (void)agent.release();  // leaked on purpose: destroying an unfinished nua aborts
                (void)sofia.release();
            }
        }
        return 1;
    }
    bridge.attach(link.get());
    bool sip_stopped = false;
    bool xmpp_closed = false;
    auto finish_if_done = [&] {
        if (sip_stopped && xmpp_closed) event_base_loopexit(base.get(), nullptr);
    };
    bridge.on_sip_stopped = [&] {
        sip_stopped = true;
        finish_if_done();
    };
    ShutdownSignals signals(base.get(), [&](int) {
        // Calls end on both sides first: their session-terminates go out before the stream closes.
        bridge.calls().end_all("the gateway is shutting down");
        link->close([&] {
            xmpp_closed = true;
            finish_if_done();
        });
        agent->shutdown();
        timeval grace{static_cast<long>(kShutdownGraceS), 0};
        event_base_loopexit(base.get(), &grace);
    });

    link->start();
    event_base_dispatch(base.get());

    bridge.attach(nullptr);
    link.reset();
    http.reset();
    if (!agent->shut_down()) {
        spdlog::warn("sip: shutdown did not complete within {} s", kShutdownGraceS);
        (void)agent.release();  // destroying an unfinished nua aborts; the process exits anyway
        (void)sofia.release();
        return 1;
    }
    agent.reset();
    sofia.reset();
    spdlog::info("stopped");
    return 0;
}

}  // namespace gw
