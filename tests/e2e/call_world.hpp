// The world of the call tests: a real XMPP server with alice (a Prosody of its own, or an ejabberd
// shared by the test binary's worlds), a real Kamailio (digest auth for carol, the SIP account
// alice registers through the gateway), the gateway, and alice's client.
// SIP peers (sipp scenarios, baresip) are added by each test.
#pragma once

#include "tests/e2e/gateway_process.hpp"
#include "tests/rig/ejabberd_server.hpp"
#include "tests/rig/kamailio_server.hpp"
#include "tests/rig/prosody_server.hpp"
#include "tests/rig/xmpp_test_client.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace gw::test {

inline constexpr const char* kComponent = "sip.localhost";

enum class XmppServer {
    prosody,   // a Prosody of the world's own
    ejabberd,  // the ejabberd shared by the test binary's ejabberd worlds (shared_ejabberd.hpp)
};

struct CallWorld {
    // What the world needs of its XMPP server, whichever it is.
    struct Xmpp {
        std::string component;
        std::string secret;
        std::uint16_t c2s_port = 0;
        std::uint16_t component_port = 0;
    };

    std::unique_ptr<rig::ProsodyServer> prosody;  // set on XmppServer::prosody
    rig::EjabberdServer* ejabberd = nullptr;      // set on XmppServer::ejabberd
    Xmpp xmpp;
    rig::KamailioServer kamailio{rig::KamailioOptions{.users = {{"carol", "carol-pass"}}}};
    std::unique_ptr<GatewayProcess> gateway;
    std::unique_ptr<rig::XmppTestClient> alice;

    // `calls_toml`: more lines for the [calls] section. Alice is online (no caps) and signed up
    // as carol, registered at Kamailio, when this returns. On the shared ejabberd, which earlier
    // worlds may have used, alice's roster and stored messages are emptied first, so the world
    // starts as on a fresh server.
    explicit CallWorld(const std::string& calls_toml = "") : CallWorld(XmppServer::prosody, calls_toml) {}
    explicit CallWorld(XmppServer server, const std::string& calls_toml = "");

    // Another logged-in client of alice (no presence sent yet).
    std::unique_ptr<rig::XmppTestClient> client(const std::string& full_jid);
    std::string proxy() const { return "127.0.0.1:" + std::to_string(kamailio.port()); }
    // A value from /metrics, or nullopt.
    std::optional<long> metric(const std::string& name) const;
    // Every call record and every Sofia call handle is gone (polls a few seconds).
    bool calls_settled() const;
};

}  // namespace gw::test
