// The world of the call tests: a real Prosody with alice, a real Kamailio (digest auth for
// carol, the SIP account alice registers through the gateway), the gateway, and alice's client.
// SIP peers (sipp scenarios, baresip) are added by each test.
#pragma once

#include "tests/e2e/gateway_process.hpp"
#include "tests/rig/kamailio_server.hpp"
#include "tests/rig/prosody_server.hpp"
#include "tests/rig/xmpp_test_client.hpp"

#include <memory>
#include <optional>
#include <string>

namespace gw::test {

inline constexpr const char* kComponent = "sip.localhost";

struct CallWorld {
    rig::ProsodyServer prosody{rig::ProsodyOptions{.users = {{"alice", "alice-pass"}}}};
    rig::KamailioServer kamailio{rig::KamailioOptions{.users = {{"carol", "carol-pass"}}}};
    std::unique_ptr<GatewayProcess> gateway;
    std::unique_ptr<rig::XmppTestClient> alice;

    // `calls_toml`: more lines for the [calls] section. Alice is online (no caps) and signed up
    // as carol, registered at Kamailio, when this returns.
    explicit CallWorld(const std::string& calls_toml = "");

    // Another logged-in client of alice (no presence sent yet).
    std::unique_ptr<rig::XmppTestClient> client(const std::string& full_jid);
    std::string proxy() const { return "127.0.0.1:" + std::to_string(kamailio.port()); }
    // A value from /metrics, or nullopt.
    std::optional<long> metric(const std::string& name) const;
    // Every call record and every Sofia call handle is gone (polls a few seconds).
    bool calls_settled() const;
};

}  // namespace gw::test
