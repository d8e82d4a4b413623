// The gateway's IQ handling over a real component link to a scripted XEP-0114 server: what a
// client would get back for disco, ping, unknown and malformed requests.
#include "gateway/bridge.hpp"
#include "tests/component/gateway/bridge_rig.hpp"
#include "tests/support/fake_component_server.hpp"
#include "tests/support/loop_pump.hpp"
#include "xmpp/component_link.hpp"

#include <doctest/doctest.h>
#include <event2/event.h>

#include <memory>

using namespace gw;
using namespace std::chrono_literals;

namespace {

using Rig = test::BridgeRig;
using test::contains;

}  // namespace

TEST_CASE("disco#info on the gateway names a SIP gateway") {
    Rig rig;
    auto reply = rig.ask("<iq type='get' id='d1' from='alice@example.org/a' to='sip.test'>"
                         "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>",
                         "</iq>");
    CHECK(contains(reply, "type=\"result\""));
    CHECK(contains(reply, "id=\"d1\""));
    CHECK(contains(reply, "to=\"alice@example.org/a\""));
    CHECK(contains(reply, "category=\"gateway\""));
    CHECK(contains(reply, "type=\"sip\""));
    CHECK(contains(reply, "var=\"http://jabber.org/protocol/disco#items\""));
}

TEST_CASE("disco#items, ping, and disco of an unknown node") {
    Rig rig;
    CHECK(contains(rig.ask("<iq type='get' id='i1' from='a@b/c' to='sip.test'><query "
                           "xmlns='http://jabber.org/protocol/disco#items'/></iq>", "</iq>"),
                   "type=\"result\""));
    CHECK(contains(rig.ask("<iq type='get' id='p1' from='a@b/c' to='sip.test'><ping xmlns='urn:xmpp:ping'/></iq>",
                           "id=\"p1\""),
                   "type=\"result\""));
    auto node = rig.ask("<iq type='get' id='n1' from='a@b/c' to='sip.test'><query "
                        "xmlns='http://jabber.org/protocol/disco#info' node='nope'/></iq>", "</iq>");
    CHECK(contains(node, "item-not-found"));
}

TEST_CASE("an IQ nobody handles gets service-unavailable, once") {
    Rig rig;
    auto reply = rig.ask("<iq type='set' id='u1' from='a@b/c' to='sip.test'><frob xmlns='urn:example:frob'/></iq>",
                         "</iq>");
    CHECK(contains(reply, "type=\"error\""));
    CHECK(contains(reply, "id=\"u1\""));
    CHECK(contains(reply, "<service-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"));
    CHECK(contains(reply, "type=\"cancel\""));
    rig.until([] { return false; }, 100ms);
    CHECK(rig.server.received().find("id=\"u1\"") == rig.server.received().rfind("id=\"u1\""));
}

TEST_CASE("malformed IQs get bad-request and the link stays up") {
    Rig rig;
    auto no_id = rig.ask("<iq type='get' from='a@b/c' to='sip.test'><ping xmlns='urn:xmpp:ping'/></iq>", "</iq>");
    CHECK(contains(no_id, "bad-request"));
    CHECK(contains(no_id, "IQ without an id"));
    auto two = rig.ask("<iq type='get' id='t2' from='a@b/c' to='sip.test'><ping xmlns='urn:xmpp:ping'/>"
                       "<ping xmlns='urn:xmpp:ping'/></iq>", "</iq>");
    CHECK(contains(two, "bad-request"));
    auto no_type = rig.ask("<iq id='t3' from='a@b/c' to='sip.test'><ping xmlns='urn:xmpp:ping'/></iq>", "</iq>");
    CHECK(contains(no_type, "bad-request"));
    CHECK(rig.link->connected());
    CHECK(contains(rig.ask("<iq type='get' id='p2' from='a@b/c' to='sip.test'><ping xmlns='urn:xmpp:ping'/></iq>",
                           "id=\"p2\""),
                   "type=\"result\""));
    CHECK(rig.metrics.iq_errors_sent == 3);
}

TEST_CASE("results and errors are never answered") {
    Rig rig;
    rig.server.clear_received();
    rig.server.send("<iq type='result' id='r1' from='a@b/c' to='sip.test'/>");
    rig.server.send("<iq type='error' id='r2' from='a@b/c' to='sip.test'><error type='cancel'>"
                    "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    rig.until([] { return false; }, 200ms);
    CHECK(rig.server.received().empty());
    CHECK(rig.metrics.stanzas_received == 2);
}
