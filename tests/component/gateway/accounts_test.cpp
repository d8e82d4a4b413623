// XEP-0100 sign-up, presence-driven SIP registration and the gateway's contacts, through a real
// component link: what a user's client sees, and what the SIP side is asked to do.
#include "gateway/entity_caps.hpp"
#include "gateway/contacts_service.hpp"
#include "tests/component/gateway/bridge_rig.hpp"

using namespace gw;
using namespace std::chrono_literals;
using Rig = test::BridgeRig;
using test::contains;

namespace {

const std::string kRegisterSet =
    "<iq type='set' id='r1' from='alice@example.org/phone' to='sip.test'>"
    "<query xmlns='jabber:iq:register'><username>alice</username><password>s3cret</password></query></iq>";

void register_alice(Rig& rig) {
    auto reply = rig.ask(kRegisterSet, "id=\"r1\"");
    REQUIRE(contains(reply, "type=\"result\""));
}

sip::RegistrationEvent sip_event(sip::RegistrationId id, sip::RegistrationState state, int status,
                             const char* phrase) {
    return {id, state, status, phrase, 600};
}

}  // namespace

TEST_CASE("the registration form offers legacy fields and a data form") {
    Rig rig;
    auto form = rig.ask("<iq type='get' id='g1' from='alice@example.org/phone' to='sip.test'>"
                        "<query xmlns='jabber:iq:register'/></iq>", "</iq>");
    CHECK(contains(form, "type=\"result\""));
    CHECK(contains(form, "<instructions>"));
    CHECK(contains(form, "<username/>"));
    CHECK(contains(form, "<password/>"));
    CHECK(contains(form, "<x xmlns=\"jabber:x:data\" type=\"form\">"));
    CHECK(contains(form, "var=\"auth_username\""));
    CHECK(contains(form, "var=\"transport\""));
    CHECK_FALSE(contains(form, "<registered/>"));
}

TEST_CASE("sign-up stores the account, asks for presence, and REGISTERs once the user is online") {
    Rig rig;
    auto reply = rig.ask(kRegisterSet, "type=\"subscribe\"");
    CHECK(contains(reply, "type=\"result\""));
    CHECK(contains(reply, "type=\"subscribe\""));
    CHECK(contains(reply, "to=\"alice@example.org\""));
    auto stored = rig.store->find("alice@example.org");
    REQUIRE(stored);
    CHECK(stored->sip_user == "alice");
    CHECK(stored->sip_domain == "sip.example.com");
    CHECK(rig.registrar.registered.empty());

    rig.server.send("<presence from='alice@example.org/phone' to='sip.test'/>");
    REQUIRE(rig.until([&] { return rig.registrar.registered.size() == 1; }));
    const sip::RegistrationRequest& request = rig.registrar.registered.at(1);
    CHECK(request.aor == "sip:alice@sip.example.com");
    CHECK(request.password == "s3cret");
    CHECK(request.contact_user == stored->contact_token);

    rig.server.clear_received();
    rig.bridge->on_registration(sip_event(1, sip::RegistrationState::registered, 200, "OK"));
    REQUIRE(rig.until([&] { return contains(rig.server.received(), "registered as alice@sip.example.com"); }));

    auto again = rig.ask("<iq type='get' id='g2' from='alice@example.org/phone' to='sip.test'>"
                         "<query xmlns='jabber:iq:register'/></iq>", "id=\"g2\"");
    CHECK(contains(again, "<registered/>"));
    CHECK(contains(again, "<username>alice@sip.example.com</username>"));
    CHECK_FALSE(contains(again, "s3cret"));
}

TEST_CASE("the user's subscription request is approved for registered users only") {
    Rig rig;
    auto stranger = rig.ask("<presence type='subscribe' from='eve@example.org' to='sip.test'/>", "<presence");
    CHECK(contains(stranger, "type=\"unsubscribed\""));
    register_alice(rig);
    auto alice = rig.ask("<presence type='subscribe' from='alice@example.org' to='sip.test'/>", "subscribed");
    CHECK(contains(alice, "type=\"subscribed\""));
}

TEST_CASE("bad forms get a precise error and change nothing") {
    Rig rig;
    auto no_password = rig.ask("<iq type='set' id='b1' from='alice@example.org/a' to='sip.test'>"
                               "<query xmlns='jabber:iq:register'><username>alice</username></query></iq>", "</iq>");
    CHECK(contains(no_password, "<bad-request"));
    CHECK(contains(no_password, "password"));
    auto bad_address = rig.ask("<iq type='set' id='b2' from='alice@example.org/a' to='sip.test'>"
                               "<query xmlns='jabber:iq:register'><username>bob@</username>"
                               "<password>x</password></query></iq>", "</iq>");
    CHECK(contains(bad_address, "<not-acceptable"));
    CHECK(contains(bad_address, "username"));
    auto wrong_form = rig.ask("<iq type='set' id='b3' from='alice@example.org/a' to='sip.test'>"
                              "<query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='form'/></query></iq>",
                              "</iq>");
    CHECK(contains(wrong_form, "<bad-request"));
    CHECK(rig.store->count() == 0);
}

TEST_CASE("a data form registers too, with proxy and transport") {
    Rig rig;
    auto reply = rig.ask(
        "<iq type='set' id='d1' from='bob@example.org/a' to='sip.test'><query xmlns='jabber:iq:register'>"
        "<x xmlns='jabber:x:data' type='submit'>"
        "<field var='FORM_TYPE'><value>jabber:iq:register</value></field>"
        "<field var='username'><value>bob@voip.example.net</value></field>"
        "<field var='password'><value>pw</value></field>"
        "<field var='proxy'><value>proxy.example.net:5080</value></field>"
        "<field var='transport'><value>tcp</value></field></x></query></iq>", "id=\"d1\"");
    CHECK(contains(reply, "type=\"result\""));
    auto stored = rig.store->find("bob@example.org");
    REQUIRE(stored);
    CHECK(stored->sip_domain == "voip.example.net");
    CHECK(stored->proxy == "proxy.example.net:5080");
    CHECK(stored->transport == "tcp");
}

TEST_CASE("users of domains not allowed are refused") {
    auto options = Rig::default_options();
    options.accounts.allowed_domains = {"example.org"};
    Rig rig(options);
    auto reply = rig.ask("<iq type='set' id='x1' from='mallory@evil.example/a' to='sip.test'>"
                         "<query xmlns='jabber:iq:register'><username>m</username><password>p</password></query></iq>",
                         "</iq>");
    CHECK(contains(reply, "<forbidden"));
    CHECK(contains(reply, "users of evil.example may not register"));
    CHECK(rig.store->count() == 0);
}

TEST_CASE("two resources: one registration, kept until the last one leaves") {
    Rig rig;
    register_alice(rig);
    rig.server.send("<presence from='alice@example.org/phone' to='sip.test'/>");
    rig.server.send("<presence from='alice@example.org/laptop' to='sip.test'/>");
    REQUIRE(rig.until([&] { return rig.registrar.registered.size() == 1; }));
    rig.bridge->on_registration(sip_event(1, sip::RegistrationState::registered, 200, "OK"));
    rig.server.send("<presence type='unavailable' from='alice@example.org/phone' to='sip.test'/>");
    rig.settle();
    CHECK(rig.registrar.removed.empty());
    rig.server.send("<presence type='unavailable' from='alice@example.org/laptop' to='sip.test'/>");
    REQUIRE(rig.until([&] { return rig.registrar.removed.size() == 1; }));
    CHECK(rig.registrar.registered.size() == 1);
}

TEST_CASE("a failed registration is shown to the user and retried") {
    Rig rig;
    register_alice(rig);
    rig.server.send("<presence from='alice@example.org/phone' to='sip.test'/>");
    REQUIRE(rig.until([&] { return rig.registrar.registered.size() == 1; }));
    rig.server.clear_received();
    rig.bridge->on_registration(sip_event(1, sip::RegistrationState::failed, 403, "Forbidden"));
    REQUIRE(rig.until([&] { return contains(rig.server.received(), "SIP registration failed: 403 Forbidden"); }));
    CHECK(contains(rig.server.received(), "<show>xa</show>"));
    REQUIRE(rig.until([&] { return rig.registrar.registered.size() == 2; }));
    CHECK(rig.metrics.registration_failures == 1);
}

TEST_CASE("removing the account un-registers and ends both subscriptions") {
    Rig rig;
    register_alice(rig);
    rig.server.send("<presence from='alice@example.org/phone' to='sip.test'/>");
    REQUIRE(rig.until([&] { return rig.registrar.registered.size() == 1; }));
    rig.bridge->on_registration(sip_event(1, sip::RegistrationState::registered, 200, "OK"));
    auto reply = rig.ask("<iq type='set' id='rm' from='alice@example.org/phone' to='sip.test'>"
                         "<query xmlns='jabber:iq:register'><remove/></query></iq>", "type=\"unavailable\"");
    CHECK(contains(reply, "type=\"result\""));
    CHECK(contains(reply, "type=\"unsubscribe\""));
    CHECK(contains(reply, "type=\"unsubscribed\""));
    CHECK(rig.registrar.removed == std::vector<sip::RegistrationId>{1});
    CHECK_FALSE(rig.store->find("alice@example.org"));
    auto twice = rig.ask("<iq type='set' id='rm2' from='alice@example.org/phone' to='sip.test'>"
                         "<query xmlns='jabber:iq:register'><remove/></query></iq>", "id=\"rm2\"");
    CHECK(contains(twice, "<registration-required"));
}

TEST_CASE("contacts accept subscriptions and advertise Jingle through entity capabilities") {
    Rig rig;
    auto reply = rig.ask("<presence type='subscribe' from='alice@example.org' to='bob%example.com@sip.test'/>",
                         "http://jabber.org/protocol/caps");
    CHECK(contains(reply, "type=\"subscribed\""));
    const std::string ver = caps_verification(contact_disco_info());
    CHECK(contains(reply, "ver=\"" + ver + "\""));

    auto info = rig.ask("<iq type='get' id='c1' from='alice@example.org/a' to='bob%example.com@sip.test'>"
                        "<query xmlns='http://jabber.org/protocol/disco#info' node='xmpp:sip.test#" + ver +
                            "'/></iq>", "</iq>");
    CHECK(contains(info, "type=\"result\""));
    CHECK(contains(info, "urn:xmpp:jingle:apps:rtp:audio"));
    CHECK(contains(info, "urn:xmpp:jingle:transports:ice-udp:1"));
    CHECK(contains(info, "urn:xmpp:jingle-message:0"));

    auto probe = rig.ask("<presence type='probe' from='alice@example.org' to='+15551234567@sip.test'/>", "caps");
    CHECK(contains(probe, "from=\"+15551234567@sip.test\""));
}

TEST_CASE("jabber:iq:gateway turns an address into the contact JID") {
    Rig rig;
    auto prompt = rig.ask("<iq type='get' id='p1' from='alice@example.org/a' to='sip.test'>"
                          "<query xmlns='jabber:iq:gateway'/></iq>", "</iq>");
    CHECK(contains(prompt, "<prompt>SIP address or phone number</prompt>"));
    auto jid = rig.ask("<iq type='set' id='p2' from='alice@example.org/a' to='sip.test'>"
                       "<query xmlns='jabber:iq:gateway'><prompt>bob@example.com</prompt></query></iq>", "</iq>");
    CHECK(contains(jid, "<jid>bob%example.com@sip.test</jid>"));
    auto bad = rig.ask("<iq type='set' id='p3' from='alice@example.org/a' to='sip.test'>"
                       "<query xmlns='jabber:iq:gateway'><prompt>@@</prompt></query></iq>", "</iq>");
    CHECK(contains(bad, "<not-acceptable"));
}
