// The component link against a scripted XEP-0114 server on loopback: handshake, stanzas both
// ways, wrong secret, lost links, malformed XML, clean close.
#include "tests/component/xmpp/recording_listener.hpp"
#include "tests/support/fake_component_server.hpp"
#include "tests/support/loop_pump.hpp"
#include "xmpp/component_link.hpp"

#include <doctest/doctest.h>
#include <event2/event.h>

#include <memory>

using namespace gw;
using namespace std::chrono_literals;

namespace {

struct Rig {
    test::FakeComponentServer server{"sip.test", "right-secret"};
    test::RecordingListener listener;
    std::unique_ptr<event_base, void (*)(event_base*)> base{event_base_new(), &event_base_free};
    std::unique_ptr<xmpp::ComponentLink> link;

    explicit Rig(const std::string& secret = "right-secret") {
        xmpp::ComponentOptions options;
        options.jid = "sip.test";
        options.secret = secret;
        options.host = "127.0.0.1";
        options.port = server.port();
        options.reconnect_initial_s = 0.05;
        options.reconnect_max_s = 0.2;
        link = std::make_unique<xmpp::ComponentLink>(base.get(), options, listener);
    }
    bool until(const std::function<bool()>& done, std::chrono::milliseconds timeout = 5s) {
        return test::pump_until(base.get(), done, timeout, [this] { server.poll(); });
    }
};

}  // namespace

TEST_CASE("the link authenticates with the shared secret and reports it") {
    Rig rig;
    rig.link->start();
    REQUIRE(rig.until([&] { return rig.listener.connected == 1; }));
    CHECK(rig.server.authenticated());
    CHECK(rig.link->connected());
    CHECK(rig.listener.disconnect_reasons.empty());
}

TEST_CASE("stanzas flow both ways once connected") {
    Rig rig;
    rig.link->start();
    REQUIRE(rig.until([&] { return rig.link->connected(); }));
    rig.server.send("<iq type='get' id='q1' from='alice@example.org/phone' to='sip.test'>"
                    "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    REQUIRE(rig.until([&] { return !rig.listener.stanzas.empty(); }));
    CHECK(rig.listener.stanzas[0].find("id=\"q1\"") != std::string::npos);
    CHECK(rig.listener.stanzas[0].find("disco#info") != std::string::npos);

    CHECK(rig.link->send_raw("<message to='alice@example.org' from='sip.test'><body>hi</body></message>"));
    REQUIRE(rig.until([&] { return rig.server.received().find("<body>hi</body>") != std::string::npos; }));
}

TEST_CASE("a wrong secret is reported as such and retried with growing delays") {
    Rig rig("wrong-secret");
    rig.link->start();
    REQUIRE(rig.until([&] { return rig.listener.disconnect_reasons.size() >= 3; }));
    CHECK(rig.listener.connected == 0);
    CHECK(rig.server.handshakes_refused() >= 3);
    CHECK(rig.listener.disconnect_reasons[0].find("secret") != std::string::npos);
    for (double delay : rig.listener.retry_delays) {
        CHECK(delay > 0.0);
        CHECK(delay <= 0.2);
    }
}

TEST_CASE("a lost link is re-established") {
    Rig rig;
    rig.link->start();
    REQUIRE(rig.until([&] { return rig.listener.connected == 1; }));
    rig.server.drop_connection();
    REQUIRE(rig.until([&] { return rig.listener.connected == 2; }));
    CHECK(rig.listener.disconnect_reasons.size() == 1);
    CHECK(rig.server.connections_accepted() == 2);
}

TEST_CASE("a refused connection is retried until the server is there") {
    std::uint16_t port;
    {
        test::FakeComponentServer gone("sip.test", "s");
        port = gone.port();
    }
    test::RecordingListener listener;
    std::unique_ptr<event_base, void (*)(event_base*)> base{event_base_new(), &event_base_free};
    xmpp::ComponentOptions options;
    options.jid = "sip.test";
    options.secret = "s";
    options.port = port;
    options.reconnect_initial_s = 0.02;
    options.reconnect_max_s = 0.05;
    xmpp::ComponentLink link(base.get(), options, listener);
    link.start();
    REQUIRE(test::pump_until(base.get(), [&] { return listener.disconnect_reasons.size() >= 2; }));
    CHECK(listener.disconnect_reasons[0].find("refused") != std::string::npos);
}

TEST_CASE("malformed XML from the server drops the link without a crash, then it reconnects") {
    Rig rig;
    rig.link->start();
    REQUIRE(rig.until([&] { return rig.listener.connected == 1; }));
    rig.server.send("<iq type='get' id='x'><<<not xml");
    REQUIRE(rig.until([&] { return rig.listener.disconnect_reasons.size() == 1; }));
    CHECK(rig.listener.disconnect_reasons[0] == "malformed XML from the server");
    REQUIRE(rig.until([&] { return rig.listener.connected == 2; }));
}

TEST_CASE("close() ends the stream and stops reconnecting") {
    Rig rig;
    rig.link->start();
    REQUIRE(rig.until([&] { return rig.link->connected(); }));
    bool closed = false;
    rig.link->close([&] { closed = true; });
    REQUIRE(rig.until([&] { return closed; }));
    CHECK(rig.until([&] { return rig.server.received().find("</stream:stream>") != std::string::npos; }));
    CHECK_FALSE(rig.until([&] { return rig.server.connections_accepted() > 1; }, 300ms));
    CHECK_FALSE(rig.link->send_raw("<message/>"));
}
