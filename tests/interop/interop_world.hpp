// The world of the interop tests, in the test's own network (private_network.hpp): on the
// gateway's host a real XMPP server with its websocket on (a Prosody of the world's own, or the
// ejabberd shared by the test binary's ejabberd worlds), a real Kamailio (digest auth for carol,
// alice's SIP account) and the gateway; on the client's host alice's WebRTC client (StanzaJS +
// wrtc, or Chromium), signed up with the gateway as carol. Phones (baresip) are added by each
// test, on the gateway's host.
#pragma once

#include "tests/e2e/gateway_process.hpp"
#include "tests/interop/private_network.hpp"
#include "tests/interop/webrtc_client.hpp"
#include "tests/rig/baresip.hpp"
#include "tests/rig/ejabberd_server.hpp"
#include "tests/rig/kamailio_server.hpp"
#include "tests/rig/prosody_server.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace gw::interop {

inline constexpr const char* kComponent = "sip.localhost";

enum class XmppServer {
    prosody,   // Prosody 0.12, a server of the world's own
    ejabberd,  // ejabberd 23.01, shared by the test binary's ejabberd worlds (interop_ejabberd.hpp)
};
const char* server_name(XmppServer server);

// For TEST_CASE_TEMPLATE: every case once per server ("<prosody>", "<ejabberd>" in its name).
struct OnProsody {
    static constexpr XmppServer server = XmppServer::prosody;
};
struct OnEjabberd {
    static constexpr XmppServer server = XmppServer::ejabberd;
};

struct InteropWorld {
    // What the world needs of its XMPP server, whichever it is.
    struct Xmpp {
        std::string component;
        std::string secret;
        std::uint16_t component_port = 0;
        std::uint16_t http_port = 0;  // the websocket, on 127.0.0.1 and the host's address
    };

    XmppServer server;
    // Before any server: every one must start inside the namespace.
    const PrivateNetwork& network = private_network();
    std::unique_ptr<rig::ProsodyServer> prosody;  // set on XmppServer::prosody
    rig::EjabberdServer* ejabberd = nullptr;      // set on XmppServer::ejabberd
    Xmpp xmpp;
    rig::KamailioServer kamailio{rig::KamailioOptions{.users = {{"carol", "carol-pass"}}}};
    std::unique_ptr<test::GatewayProcess> gateway;
    std::unique_ptr<WebRtcClient> alice;

    // alice is online and signed up as carol@127.0.0.1, registered at Kamailio, when this returns.
    // On the shared ejabberd, which earlier worlds may have used, alice's roster and stored
    // messages are emptied first, so the world starts as on a fresh server.
    explicit InteropWorld(XmppServer on);

    // A phone registered at Kamailio as `user` (no digest), playing baresip's 440 Hz sine.
    std::unique_ptr<rig::Baresip> phone(const std::string& user, rig::BaresipMedia media,
                                        rig::BaresipAnswerMode answer = rig::BaresipAnswerMode::automatic);
    // The JID alice calls a phone at: user%127.0.0.1@sip.localhost (through Kamailio).
    static std::string contact(const std::string& user) { return user + "%127.0.0.1@" + kComponent; }
    // carol's address of record at Kamailio, for phones to call alice.
    std::string carol_uri() const { return "sip:carol@127.0.0.1:" + std::to_string(kamailio.port()); }

    std::optional<long> metric(const std::string& name) const;
    // Every call record and every Sofia call handle is gone (polls a few seconds).
    bool calls_settled() const;
};

}  // namespace gw::interop

TYPE_TO_STRING_AS("prosody", gw::interop::OnProsody);
TYPE_TO_STRING_AS("ejabberd", gw::interop::OnEjabberd);
