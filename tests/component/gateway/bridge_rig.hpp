// The bridge on a real component link to a scripted XEP-0114 server, with a real SQLite store in
// a temporary directory and a recording stand-in for the SIP registrar.
#pragma once

#include "gateway/bridge.hpp"
#include "gateway/store/account_store.hpp"
#include "tests/rig/temp_dir.hpp"
#include "tests/support/recording_registrar.hpp"
#include "tests/support/recording_sip_calls.hpp"
#include "tests/support/fake_component_server.hpp"
#include "tests/support/loop_pump.hpp"
#include "xmpp/component_link.hpp"

#include <doctest/doctest.h>
#include <event2/event.h>

#include <map>
#include <memory>

namespace gw::test {

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

struct BridgeRig {
    FakeComponentServer server{"sip.test", "secret"};
    rig::TempDir dir{"gw-bridge"};
    std::unique_ptr<store::AccountStore> store;
    RecordingRegistrar registrar;
    RecordingSipCalls sip;
    Metrics metrics;
    std::unique_ptr<event_base, void (*)(event_base*)> base{event_base_new(), &event_base_free};
    std::unique_ptr<Bridge> bridge;
    std::unique_ptr<xmpp::ComponentLink> link;

    explicit BridgeRig(BridgeOptions options = default_options()) {
        store::StoreOptions store_options;
        store_options.path = dir.file("accounts.db");
        store = store::open_account_store(store_options);
        bridge = std::make_unique<Bridge>(options, metrics, *store, registrar, sip, base.get());
        xmpp::ComponentOptions link_options;
        link_options.jid = "sip.test";
        link_options.secret = "secret";
        link_options.port = server.port();
        link = std::make_unique<xmpp::ComponentLink>(base.get(), link_options, *bridge);
        bridge->attach(link.get());
        link->start();
        REQUIRE(until([&] { return link->connected(); }));
    }

    static BridgeOptions default_options() {
        BridgeOptions options;
        options.accounts.component_jid = "sip.test";
        options.accounts.default_domain = "sip.example.com";
        options.accounts.policy.retry_initial_s = 0.05;
        options.accounts.policy.retry_max_s = 0.1;
        options.calls.component_jid = "sip.test";
        options.calls.candidate_wait_s = 0.1;
        options.calls.ring_timeout_s = 1.0;
        return options;
    }

    bool until(const std::function<bool()>& done,
               std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        return pump_until(base.get(), done, timeout, [this] { server.poll(); });
    }
    // Sends `xml` and returns what the gateway answered once `needle` shows up.
    std::string ask(const std::string& xml, const std::string& needle) {
        server.clear_received();
        server.send(xml);
        until([&] { return server.received().find(needle) != std::string::npos; });
        return server.received();
    }
    void settle() { until([] { return false; }, std::chrono::milliseconds(100)); }
};

}  // namespace gw::test
