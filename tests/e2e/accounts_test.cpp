// Accounts end to end: a user of a real Prosody signs up with the gateway and their SIP account
// is registered at a real Kamailio (digest auth) while they are online.
#include "tests/e2e/gateway_process.hpp"
#include "tests/e2e/sign_up.hpp"
#include "tests/rig/kamailio_server.hpp"
#include "tests/rig/prosody_server.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/temp_dir.hpp"
#include "tests/rig/xmpp_test_client.hpp"

#include <doctest/doctest.h>

#include <csignal>

using namespace gw;
using namespace std::chrono_literals;

namespace {

struct World {
    rig::ProsodyServer prosody{rig::ProsodyOptions{.users = {{"alice", "alice-pass"}}}};
    rig::KamailioServer kamailio{rig::KamailioOptions{.users = {{"carol", "carol-pass"}}}};
    rig::TempDir store_dir{"gw-store"};  // outlives each gateway process: restarts keep it
    std::unique_ptr<test::GatewayProcess> gateway;

    World() { start_gateway(); }
    void start_gateway() {
        test::GatewayConfig config;
        config.component = prosody.options().component;
        config.secret = prosody.options().component_secret;
        config.xmpp_port = prosody.component_port();
        config.sip_toml = "retry_initial_s = 0.5\nretry_max_s = 1\n";
        config.store_path = store_dir.file("accounts.db");
        gateway.reset();
        gateway = std::make_unique<test::GatewayProcess>(config);
        REQUIRE(gateway->wait_for_log("xmpp: connected to"));
    }
    std::string proxy() const { return "127.0.0.1:" + std::to_string(kamailio.port()); }
    bool carol_registered() {
        return rig::poll_until([&] { return !kamailio.contacts("carol").empty(); }, 10s);
    }
    bool carol_unregistered() {
        return rig::poll_until([&] { return kamailio.contacts("carol").empty(); }, 10s);
    }
};

void sign_up(rig::XmppTestClient& alice, const World& world, const std::string& password) {
    test::sign_up(alice, "sip.localhost", "carol@127.0.0.1", password, world.proxy());
}

std::optional<rig::Stanza> gateway_status(rig::XmppTestClient& client, const std::string& needle) {
    return client.wait_for([&](const rig::Stanza& s) {
        if (s.name() != "presence" || s.attr("from") != "sip.localhost") return false;
        const rig::Stanza* status = s.child("status");
        return status != nullptr && status->text().find(needle) != std::string::npos;
    }, 15s);
}

}  // namespace

TEST_CASE("sign up, log in: REGISTER at Kamailio with the user's Contact token; log out: gone") {
    World world;
    rig::XmppTestClient alice("alice@localhost", "alice-pass", "127.0.0.1", world.prosody.c2s_port());
    REQUIRE(alice.connect());
    sign_up(alice, world, "carol-pass");
    REQUIRE(world.carol_registered());
    const auto contacts = world.kamailio.contacts("carol");
    REQUIRE(contacts.size() == 1);
    CHECK(contacts[0].find("@127.0.0.1:" + std::to_string(world.gateway->config().sip_port)) != std::string::npos);
    CHECK(gateway_status(alice, "registered as carol@127.0.0.1"));

    auto accounts = test::http_get(world.gateway->config().http_port, "/accounts");
    REQUIRE(accounts);
    CHECK(accounts->body.find("alice@localhost\tsip:carol@127.0.0.1\tonline\tregistered") != std::string::npos);
    CHECK(accounts->body.find("carol-pass") == std::string::npos);

    alice.disconnect();
    CHECK(world.carol_unregistered());
    CHECK(world.gateway->log().find("carol-pass") == std::string::npos);
}

TEST_CASE("a wrong password is shown to the user and retried, without a crash") {
    World world;
    rig::XmppTestClient alice("alice@localhost", "alice-pass", "127.0.0.1", world.prosody.c2s_port());
    REQUIRE(alice.connect());
    sign_up(alice, world, "wrong-pass");
    auto status = gateway_status(alice, "SIP registration failed");
    REQUIRE(status);
    CHECK(status->child("status")->text().find("retrying in") != std::string::npos);
    REQUIRE(rig::poll_until([&] { return world.gateway->count_in_log("registration: alice@localhost as") >= 2; }, 15s));
    CHECK(world.gateway->process().running());
    CHECK(world.kamailio.contacts("carol").empty());

    // Fixing the password registers at once.
    const std::string id = alice.next_id();
    alice.send("<iq type='set' id='" + id + "' to='sip.localhost'><query xmlns='jabber:iq:register'>"
               "<username>carol@127.0.0.1</username><password>carol-pass</password>"
               "<proxy>" + world.proxy() + "</proxy></query></iq>");
    auto updated = alice.wait_for_id(id);
    REQUIRE(updated);
    CHECK(updated->attr("type") == "result");
    CHECK(world.carol_registered());
}

TEST_CASE("the registrar down, then up again: the registration recovers") {
    World world;
    world.kamailio.stop();
    rig::XmppTestClient alice("alice@localhost", "alice-pass", "127.0.0.1", world.prosody.c2s_port());
    REQUIRE(alice.connect());
    sign_up(alice, world, "carol-pass");
    REQUIRE(gateway_status(alice, "SIP registration failed"));
    world.kamailio.start();
    CHECK(world.carol_registered());
}

TEST_CASE("a gateway restart re-registers online users, and the account is intact") {
    World world;
    rig::XmppTestClient alice("alice@localhost", "alice-pass", "127.0.0.1", world.prosody.c2s_port());
    REQUIRE(alice.connect());
    sign_up(alice, world, "carol-pass");
    REQUIRE(world.carol_registered());

    world.gateway->process().signal(SIGTERM);
    REQUIRE(world.gateway->process().wait_exit(10s));
    CHECK(world.carol_unregistered());  // a clean shutdown removes the binding
    world.start_gateway();
    CHECK(world.carol_registered());
    const std::string id = alice.next_id();
    alice.send("<iq type='get' id='" + id + "' to='sip.localhost'><query xmlns='jabber:iq:register'/></iq>");
    auto form = alice.wait_for_id(id);
    REQUIRE(form);
    const rig::Stanza* query = form->child("query", "jabber:iq:register");
    REQUIRE(query != nullptr);
    CHECK(query->child("registered") != nullptr);
}

TEST_CASE("two resources of one user: one registration, kept until the last one logs out") {
    World world;
    rig::XmppTestClient phone("alice@localhost/phone", "alice-pass", "127.0.0.1", world.prosody.c2s_port());
    REQUIRE(phone.connect());
    sign_up(phone, world, "carol-pass");
    REQUIRE(world.carol_registered());
    rig::XmppTestClient laptop("alice@localhost/laptop", "alice-pass", "127.0.0.1", world.prosody.c2s_port());
    REQUIRE(laptop.connect());
    laptop.send_presence();
    REQUIRE(gateway_status(laptop, "registered as carol@127.0.0.1"));
    CHECK(world.kamailio.contacts("carol").size() == 1);

    phone.disconnect();
    laptop.pump(500ms);
    CHECK(world.kamailio.contacts("carol").size() == 1);
    CHECK(world.gateway->count_in_log("REGISTER carol@127.0.0.1") == 1);
    laptop.disconnect();
    CHECK(world.carol_unregistered());
}
