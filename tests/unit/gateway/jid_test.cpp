#include "gateway/jid.hpp"

#include <doctest/doctest.h>

TEST_CASE("bare JIDs drop the resource and lower-case the domain") {
    CHECK(gw::bare_jid("alice@Example.ORG/phone") == "alice@example.org");
    CHECK(gw::bare_jid("Sip.Example.org") == "sip.example.org");
    CHECK(gw::bare_jid("sip.example.org/res/with/slashes") == "sip.example.org");
    CHECK(gw::bare_jid("bob%example.com@sip.example.org") == "bob%example.com@sip.example.org");
}

TEST_CASE("domain and resource parts") {
    CHECK(gw::jid_domain("alice@example.org/phone") == "example.org");
    CHECK(gw::jid_domain("example.org") == "example.org");
    CHECK(gw::jid_resource("alice@example.org/phone/2") == "phone/2");
    CHECK(gw::jid_resource("alice@example.org").empty());
}
