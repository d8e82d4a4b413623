// The gateway process against a real Prosody and sipp: what an admin and a client observe.
#include "tests/e2e/gateway_process.hpp"
#include "tests/rig/ports.hpp"
#include "tests/rig/prosody_server.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/sipp.hpp"
#include "tests/rig/xmpp_test_client.hpp"

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <fstream>

using namespace gw;
using namespace std::chrono_literals;

namespace {

const char* kScenarioDir = GW_E2E_SCENARIO_DIR;

rig::ProsodyOptions prosody_options() {
    rig::ProsodyOptions options;
    options.users = {{"alice", "alice-pass"}};
    return options;
}

test::GatewayConfig config_for(const rig::ProsodyServer& prosody) {
    test::GatewayConfig config;
    config.component = prosody.options().component;
    config.secret = prosody.options().component_secret;
    config.xmpp_port = prosody.component_port();
    return config;
}

std::optional<rig::Stanza> disco_info(rig::XmppTestClient& client, const std::string& to) {
    const std::string id = client.next_id();
    client.send("<iq type='get' id='" + id + "' to='" + to +
                "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    return client.wait_for_id(id);
}

bool is_gateway_identity(const rig::Stanza& reply) {
    if (reply.attr("type") != "result") return false;
    const rig::Stanza* query = reply.child("query", "http://jabber.org/protocol/disco#info");
    if (query == nullptr) return false;
    const rig::Stanza* identity = query->child("identity");
    return identity != nullptr && identity->attr("category") == "gateway" && identity->attr("type") == "sip";
}

bool log_count_reaches(const test::GatewayProcess& gateway, std::string_view needle, int count) {
    return rig::poll_until([&] { return gateway.count_in_log(needle) >= count; }, 15s);
}

}  // namespace

TEST_CASE("a client discovers the gateway through Prosody, and unknown requests are refused") {
    rig::ProsodyServer prosody(prosody_options());
    test::GatewayProcess gateway(config_for(prosody));
    REQUIRE(gateway.wait_for_log("xmpp: connected to"));

    rig::XmppTestClient alice("alice@localhost", "alice-pass", "127.0.0.1", prosody.c2s_port());
    REQUIRE(alice.connect());
    auto info = disco_info(alice, "sip.localhost");
    REQUIRE(info);
    CHECK(is_gateway_identity(*info));

    const std::string id = alice.next_id();
    alice.send("<iq type='set' id='" + id + "' to='sip.localhost'><frob xmlns='urn:example:unknown'/></iq>");
    auto refused = alice.wait_for_id(id);
    REQUIRE(refused);
    CHECK(refused->attr("type") == "error");
    const rig::Stanza* error = refused->child("error");
    REQUIRE(error != nullptr);
    CHECK(error->child("service-unavailable", "urn:ietf:params:xml:ns:xmpp-stanzas") != nullptr);

    auto health = test::http_get(gateway.config().http_port, "/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    auto metrics = test::http_get(gateway.config().http_port, "/metrics");
    REQUIRE(metrics);
    CHECK(metrics->body.find("xsg_component_connected 1") != std::string::npos);
}

TEST_CASE("the gateway reconnects after Prosody is killed and restarted") {
    rig::ProsodyServer prosody(prosody_options());
    test::GatewayProcess gateway(config_for(prosody));
    REQUIRE(gateway.wait_for_log("xmpp: connected to"));

    prosody.kill();
    REQUIRE(gateway.wait_for_log("xmpp: lost the link"));
    auto health = test::http_get(gateway.config().http_port, "/healthz");
    REQUIRE(health);
    CHECK(health->status == 503);

    prosody.start();
    REQUIRE(log_count_reaches(gateway, "xmpp: connected to", 2));
    rig::XmppTestClient alice("alice@localhost", "alice-pass", "127.0.0.1", prosody.c2s_port());
    REQUIRE(alice.connect());
    auto info = disco_info(alice, "sip.localhost");
    REQUIRE(info);
    CHECK(is_gateway_identity(*info));
}

TEST_CASE("a wrong secret is reported plainly and retried with backoff, without exiting") {
    rig::ProsodyServer prosody(prosody_options());
    test::GatewayConfig config = config_for(prosody);
    config.secret = "not-the-secret";
    test::GatewayProcess gateway(config);
    REQUIRE(log_count_reaches(gateway, "the component secret does not match", 3));
    CHECK(gateway.process().running());
    CHECK(gateway.count_in_log("xmpp: connected to") == 0);
    CHECK(gateway.log().find("not-the-secret") == std::string::npos);
}

TEST_CASE("SIP OPTIONS from sipp gets 200 OK") {
    rig::ProsodyServer prosody(prosody_options());
    test::GatewayProcess gateway(config_for(prosody));
    REQUIRE(gateway.wait_for_log("sip: listening on"));
    rig::SippOptions options;
    options.scenario = std::string(kScenarioDir) + "/options.xml";
    options.remote = "127.0.0.1:" + std::to_string(gateway.config().sip_port);
    options.extra_args = {"-m", "1"};
    rig::Sipp sipp(options);
    auto status = sipp.wait_exit(10s);
    REQUIRE(status);
    CHECK(*status == 0);
    CHECK(sipp.messages_log().find("SIP/2.0 200 OK") != std::string::npos);
}

TEST_CASE("SIGTERM shuts down cleanly, closing the stream and the SIP agent") {
    rig::ProsodyServer prosody(prosody_options());
    test::GatewayProcess gateway(config_for(prosody));
    REQUIRE(gateway.wait_for_log("xmpp: connected to"));
    gateway.process().signal(SIGTERM);
    auto status = gateway.process().wait_exit(10s);
    REQUIRE(status);
    CHECK(*status == 0);
    const std::string log = gateway.log();
    CHECK(log.find("sip: user agent shut down") != std::string::npos);
    CHECK(log.find("xmpp: component stream closed") != std::string::npos);
    CHECK(log.find("stopped") != std::string::npos);
}

TEST_CASE("a SIP port already in use is one clear error and exit status 1") {
    const std::uint16_t port = rig::free_port();
    int holder = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(holder, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);

    test::GatewayConfig config;
    config.xmpp_port = rig::free_port();
    config.sip_port = port;
    test::GatewayProcess gateway(config);
    auto status = gateway.process().wait_exit(10s);
    close(holder);
    REQUIRE(status);
    CHECK(*status == 1);
    CHECK(gateway.log().find("cannot listen for SIP on 127.0.0.1:" + std::to_string(port) +
                             "/udp: Address already in use") != std::string::npos);
}

TEST_CASE("a store path that cannot be used is one clear error and exit status 1") {
    rig::TempDir dir;
    test::GatewayConfig config;
    config.xmpp_port = rig::free_port();
    config.store_path = dir.file("no-such-directory/accounts.db");
    test::GatewayProcess gateway(config);
    auto status = gateway.process().wait_exit(10s);
    REQUIRE(status);
    CHECK(*status == 1);
    const std::string log = gateway.log();
    CHECK(log.find("cannot open the account store") != std::string::npos);
    CHECK(log.find("no-such-directory") != std::string::npos);
    CHECK(log.find("sip: listening") == std::string::npos);
}

TEST_CASE("--check-config names the file, line and key of each problem") {
    rig::TempDir dir;
    const std::string path = dir.file("bad.toml");
    std::ofstream(path) << "[xmpp]\ncomponent = \"sip.example.org\"\nsecret = \"x\"\nport = \"abc\"\n"
                           "[sip]\nlisten = \"127.0.0.1:5060\"\nfrobnicate = 1\n";
    rig::ProcessOptions options;
    options.argv = {test::gateway_binary(), "--check-config", "--config", path};
    auto result = rig::run_command(options);
    CHECK(result.status == 1);
    CHECK(result.output.find("bad.toml:4:") != std::string::npos);
    CHECK(result.output.find("xmpp.port") != std::string::npos);
    CHECK(result.output.find("bad.toml:7:") != std::string::npos);
    CHECK(result.output.find("sip.frobnicate") != std::string::npos);

    const std::string broken = dir.file("syntax.toml");
    std::ofstream(broken) << "[xmpp\ncomponent = 1\n";
    options.argv = {test::gateway_binary(), "--check-config", "--config", broken};
    auto syntax = rig::run_command(options);
    CHECK(syntax.status == 1);
    CHECK(syntax.output.find("syntax.toml:1:") != std::string::npos);

    const std::string good = dir.file("good.toml");
    std::ofstream(good) << "[xmpp]\ncomponent = \"sip.example.org\"\nsecret = \"hunter2\"\n";
    options.argv = {test::gateway_binary(), "--check-config", "--config", good};
    auto ok = rig::run_command(options);
    CHECK(ok.status == 0);
    CHECK(ok.output.find("hunter2") == std::string::npos);
}
