#include "tests/interop/interop_world.hpp"

#include "tests/interop/interop_ejabberd.hpp"
#include "tests/rig/readiness.hpp"

#include <cstdlib>

namespace gw::interop {

using namespace std::chrono_literals;

namespace {

// The websocket is also on the host's address: the client runs in its own namespace.
std::unique_ptr<rig::ProsodyServer> own_prosody(const PrivateNetwork& network) {
    return std::make_unique<rig::ProsodyServer>(rig::ProsodyOptions{
        .users = {{"alice", "alice-pass"}}, .websocket = true, .extra_interfaces = {network.host_address}});
}

InteropWorld::Xmpp xmpp_of(const rig::ProsodyServer* prosody, const rig::EjabberdServer* ejabberd) {
    if (prosody != nullptr) {
        return {prosody->options().component, prosody->options().component_secret, prosody->component_port(),
                prosody->http_port()};
    }
    return {ejabberd->options().component, ejabberd->options().component_secret, ejabberd->component_port(),
            ejabberd->http_port()};
}

}  // namespace

const char* server_name(XmppServer server) { return server == XmppServer::prosody ? "prosody" : "ejabberd"; }

InteropWorld::InteropWorld(XmppServer on)
    : server(on),
      prosody(on == XmppServer::prosody ? own_prosody(network) : nullptr),
      ejabberd(on == XmppServer::ejabberd ? &shared_ejabberd(network) : nullptr),
      xmpp(xmpp_of(prosody.get(), ejabberd)) {
    REQUIRE(xmpp.component == kComponent);
    if (ejabberd != nullptr) forget_earlier_worlds(*ejabberd);
    test::GatewayConfig config;
    config.component = xmpp.component;
    config.secret = xmpp.secret;
    config.xmpp_port = xmpp.component_port;
    // The defaults of a real deployment, but for the ring timeout (the no-answer case waits it out).
    config.extra_toml = "[calls]\nring_timeout_s = 4\n";
    gateway = std::make_unique<test::GatewayProcess>(config);
    REQUIRE(gateway->wait_for_log("xmpp: connected to"));
    alice = std::make_unique<WebRtcClient>(
        network, WebRtcClientOptions{.jid = "alice@localhost/wrtc",
                                     .password = "alice-pass",
                                     .websocket_url = "ws://" + network.host_address + ":" +
                                                      std::to_string(xmpp.http_port) + "/xmpp-websocket"});
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
