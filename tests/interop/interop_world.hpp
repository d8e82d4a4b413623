// The world of the interop tests, in the test's own network (private_network.hpp): on the
// gateway's host a real Prosody with its websocket on, a real Kamailio (digest auth for carol,
// alice's SIP account) and the gateway; on the client's host alice's WebRTC client (StanzaJS +
// wrtc), signed up with the gateway as carol. Phones (baresip) are added by each test, on the
// gateway's host.
#pragma once

#include "tests/e2e/gateway_process.hpp"
#include "tests/interop/private_network.hpp"
#include "tests/interop/webrtc_client.hpp"
#include "tests/rig/baresip.hpp"
#include "tests/rig/kamailio_server.hpp"
#include "tests/rig/prosody_server.hpp"

#include <memory>
#include <optional>
#include <string>

namespace gw::interop {

inline constexpr const char* kComponent = "sip.localhost";

struct InteropWorld {
    // First: every server below must start inside the namespace.
    const PrivateNetwork& network = private_network();
    // The websocket also on the host's address: the client runs in its own namespace.
    rig::ProsodyServer prosody{rig::ProsodyOptions{
        .users = {{"alice", "alice-pass"}}, .websocket = true, .extra_interfaces = {network.host_address}}};
    rig::KamailioServer kamailio{rig::KamailioOptions{.users = {{"carol", "carol-pass"}}}};
    std::unique_ptr<test::GatewayProcess> gateway;
    std::unique_ptr<WebRtcClient> alice;

    // alice is online and signed up as carol@127.0.0.1, registered at Kamailio, when this returns.
    InteropWorld();

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
