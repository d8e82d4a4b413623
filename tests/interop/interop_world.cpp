#include "tests/interop/interop_world.hpp"

#include "tests/rig/readiness.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

namespace gw::interop {

using namespace std::chrono_literals;

InteropWorld::InteropWorld() {
    test::GatewayConfig config;
    config.component = prosody.options().component;
    config.secret = prosody.options().component_secret;
    config.xmpp_port = prosody.component_port();
    // The defaults of a real deployment, but for the ring timeout (the no-answer case waits it out).
    config.extra_toml = "[calls]\nring_timeout_s = 4\n";
    gateway = std::make_unique<test::GatewayProcess>(config);
    REQUIRE(gateway->wait_for_log("xmpp: connected to"));
    alice = std::make_unique<WebRtcClient>(
        network, WebRtcClientOptions{.jid = "alice@localhost/wrtc",
                                     .password = "alice-pass",
                                     .websocket_url = "ws://" + network.host_address + ":" +
                                                      std::to_string(prosody.http_port()) + "/xmpp-websocket"});
    alice->command("signup", {{"gateway", kComponent},
                              {"username", "carol@127.0.0.1"},
                              {"password", "carol-pass"},
                              {"proxy", "127.0.0.1:" + std::to_string(kamailio.port())}});
    REQUIRE(rig::poll_until([&] { return !kamailio.contacts("carol").empty(); }, 10s));
}

std::unique_ptr<rig::Baresip> InteropWorld::phone(const std::string& user, rig::BaresipMedia media,
                                                  rig::BaresipAnswerMode answer) {
    auto phone = std::make_unique<rig::Baresip>(rig::BaresipOptions{.user = user,
                                                                    .registrar_port = kamailio.port(),
                                                                    .answer_mode = answer,
                                                                    .media = media,
                                                                    .record_audio = true});
    REQUIRE(phone->wait_registered());
    return phone;
}

std::optional<long> InteropWorld::metric(const std::string& name) const {
    auto response = test::http_get(gateway->config().http_port, "/metrics");
    if (!response) return std::nullopt;
    const std::string needle = "\n" + name + " ";
    const auto at = response->body.find(needle);
    if (at == std::string::npos) return std::nullopt;
    return std::strtol(response->body.c_str() + at + needle.size(), nullptr, 10);
}

bool InteropWorld::calls_settled() const {
    return rig::poll_until([&] { return metric("xsg_calls_active") == 0L && metric("xsg_call_legs") == 0L; }, 5s);
}

}  // namespace gw::interop
