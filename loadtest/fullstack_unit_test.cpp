// Unit tests of the full-stack mode's user logic (meson suite "loadtest"): how FullStackUsers reads
// the gateway's stanzas as they reach a client (registration status, sign-up, call outcomes and
// their causes, timeouts). The clients never connect (what the users send is dropped); stanzas
// are parsed with libstrophe, as on a real connection.
#include "loadtest/check.hpp"
#include "loadtest/c2s_clients.hpp"
#include "loadtest/fullstack_users.hpp"

#include <strophe.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace gw::load;

namespace {

struct Fixture {
    Fixture()
        : ctx(xmpp_ctx_new(nullptr, nullptr)),
          clients(1, 4, [](std::size_t, _xmpp_stanza_t*) {}),
          users(clients, "127.0.0.1:5060",
                FullStackCallOptions{.hold_us = 200'000, .timeout_us = 1'000'000, .callee = "bob%127.0.0.1@sip.load.test"}) {
        users.on_registration([this](std::size_t user, bool ok, const std::string& cause) {
            outcomes.push_back("user" + std::to_string(user) + (ok ? " ok" : " " + cause));
        });
    }
    ~Fixture() { xmpp_ctx_free(ctx); }

    void deliver(std::size_t user, const std::string& xml) {
        xmpp_stanza_t* stanza = xmpp_stanza_new_from_string(ctx, xml.c_str());
        CHECK(stanza != nullptr);
        if (stanza == nullptr) return;
        users.handle(user, stanza);
        xmpp_stanza_release(stanza);
    }
    void status(std::size_t user, const std::string& text) {
        deliver(user, "<presence from='sip.load.test' to='user" + std::to_string(user) +
                          "@load.test'><status>" + text + "</status></presence>");
    }
    void jingle(std::size_t user, const std::string& action, const std::string& sid, const std::string& body = "") {
        deliver(user, "<iq type='set' id='g1' from='bob%127.0.0.1@sip.load.test' to='user" + std::to_string(user) +
                          "@load.test/load'><jingle xmlns='urn:xmpp:jingle:1' action='" + action + "' sid='" + sid +
                          "'>" + body + "</jingle></iq>");
    }

    xmpp_ctx_t* ctx;
    ClientPool clients;
    FullStackUsers users;
    std::vector<std::string> outcomes;
};

void registration_status() {
    Fixture f;
    f.users.go_online(0);
    f.users.go_online(1);
    f.status(0, "registering as u0@127.0.0.1");  // started: not an outcome
    CHECK(f.outcomes.empty());
    f.status(0, "registered as u0@127.0.0.1");
    f.status(1, "SIP registration failed: 403 Forbidden; retrying in 30 s");
    CHECK((f.outcomes == std::vector<std::string>{"user0 ok", "user1 sip-403"}));
    // The gateway's answer to a probe while it un-REGISTERs: away, with the old text.
    f.users.go_online(3);
    f.deliver(3, "<presence from='sip.load.test' to='user3@load.test'><show>away</show>"
                 "<status>registered as u3@127.0.0.1</status></presence>");
    CHECK(f.outcomes.size() == 2);
    CHECK(f.users.registered_count() == 1);
    f.deliver(0, "<presence type='unavailable' from='sip.load.test' to='user0@load.test'/>");
    CHECK(f.users.registered_count() == 0);
    // Presence from anyone but the gateway says nothing about the registration.
    f.deliver(2, "<presence from='user2@load.test/load' to='user2@load.test'><status>registered as x</status></presence>");
    CHECK(f.outcomes.size() == 2);
}

void sign_up() {
    Fixture f;
    f.users.sign_up(2);
    f.status(2, "registered as u2@127.0.0.1");
    CHECK(f.users.signed_up() == 1);
    CHECK(f.outcomes.empty());  // a sign-up's registration is not a measured login
    f.users.sign_up(3);
    f.deliver(3, "<iq type='error' id='u3' from='sip.load.test'><error type='modify'>"
                 "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    CHECK(f.users.sign_up_failures() == 1);
    CHECK(f.users.first_sign_up_failure() == "user3: sign-up-not-acceptable");
}

void calls() {
    Fixture f;
    const Micros start = now_us();
    f.users.call_out(0, 0, start);  // f0: answered, held, hung up by the user
    f.users.call_out(1, 0, start);  // f1: busy at the SIP side
    f.users.call_out(2, 0, start);  // f2: never answered
    CHECK(f.users.active_calls() == 3 && f.users.waiting_calls() == 3);
    f.jingle(0, "session-info", "f0", "<ringing xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>");
    f.jingle(0, "session-accept", "f0");
    CHECK(f.users.calls().total().setup.size() == 1);
    CHECK(f.users.waiting_calls() == 2);
    f.jingle(1, "session-terminate", "f1",
             "<reason><busy/><text>486 Busy Here</text><sip-status xmlns='urn:xmpp-sip-gateway:0' code='486'/></reason>");
    // A terminate for a session the user never had is acknowledged and ignored.
    f.jingle(3, "session-terminate", "f9", "<reason><success/></reason>");
    f.users.tick(now_us() + 300'000);  // the hold is over: f0 is hung up
    f.deliver(0, "<iq type='result' id='t0' from='bob%127.0.0.1@sip.load.test'/>");
    f.users.tick(start + 2'000'000);  // f2's set-up times out
    const Tally& total = f.users.calls().total();
    CHECK(total.attempts == 3);
    CHECK(total.successes == 1);
    CHECK(total.failures == 2);
    CHECK(total.causes.count("sip-486") == 1);
    CHECK(total.causes.count("timeout-setup") == 1);
    CHECK(f.users.active_calls() == 0 && f.users.waiting_calls() == 0);
}

void other_stanzas() {
    Fixture f;
    f.deliver(0, "<iq type='get' id='d1' from='sip.load.test' to='user0@load.test/load'>"
                 "<query xmlns='http://jabber.org/protocol/disco#info' node='x'/></iq>");
    f.deliver(0, "<iq type='set' id='r1' to='user0@load.test/load'><query xmlns='jabber:iq:roster'/></iq>");
    CHECK(f.users.disco_queries() == 1);
    CHECK(f.users.unhandled() == 0);
    f.deliver(0, "<iq type='get' id='v1' from='load.test' to='user0@load.test/load'><query xmlns='jabber:iq:version'/></iq>");
    CHECK(f.users.unhandled() == 1);
    CHECK(f.users.unhandled_samples().size() == 1);
}

}  // namespace

int main() {
    xmpp_initialize();
    registration_status();
    sign_up();
    calls();
    other_stanzas();
    if (check_failures() == 0) std::fprintf(stderr, "PASSED\n");
    return check_failures() == 0 ? 0 : 1;
}
