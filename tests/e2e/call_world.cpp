#include "tests/e2e/call_world.hpp"

#include "tests/e2e/sign_up.hpp"
#include "tests/rig/readiness.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

namespace gw::test {

using namespace std::chrono_literals;

CallWorld::CallWorld(const std::string& calls_toml) {
    GatewayConfig config;
    config.component = prosody.options().component;
    config.secret = prosody.options().component_secret;
    config.xmpp_port = prosody.component_port();
    // Short waits keep the tests quick; a test's own value of a key replaces the default here.
    std::string calls = calls_toml;
    if (calls.find("candidate_wait_s") == std::string::npos) calls += "candidate_wait_s = 0.2\n";
    if (calls.find("ring_timeout_s") == std::string::npos) calls += "ring_timeout_s = 3\n";
    config.extra_toml = "[calls]\n" + calls;
    gateway = std::make_unique<GatewayProcess>(config);
    REQUIRE(gateway->wait_for_log("xmpp: connected to"));
    alice = client("alice@localhost/phone");
    sign_up(*alice, kComponent, "carol@127.0.0.1", "carol-pass", proxy());
    REQUIRE(rig::poll_until([&] { return !kamailio.contacts("carol").empty(); }, 10s));
}

std::unique_ptr<rig::XmppTestClient> CallWorld::client(const std::string& full_jid) {
    auto c = std::make_unique<rig::XmppTestClient>(full_jid, "alice-pass", "127.0.0.1", prosody.c2s_port());
    REQUIRE(c->connect());
    return c;
}

std::optional<long> CallWorld::metric(const std::string& name) const {
    auto response = http_get(gateway->config().http_port, "/metrics");
    if (!response) return std::nullopt;
    const std::string needle = "\n" + name + " ";
    const auto at = response->body.find(needle);
    if (at == std::string::npos) return std::nullopt;
    return std::strtol(response->body.c_str() + at + needle.size(), nullptr, 10);
}

bool CallWorld::calls_settled() const {
    return rig::poll_until([&] { return metric("xsg_calls_active") == 0L && metric("xsg_call_legs") == 0L; }, 5s);
}

}  // namespace gw::test
