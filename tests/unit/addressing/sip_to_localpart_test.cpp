// Showing a SIP caller to the user: the URI of an incoming request -> the localpart of the
// contact JID; and what a user typed into the jabber:iq:gateway prompt -> the localpart.
#include "gateway/addressing.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace {

constexpr std::string_view own_domain = "sip.example.net";

struct LocalpartRow {
    std::string_view from;
    std::string_view localpart;
};

constexpr LocalpartRow from_uris[] = {
    {"sip:alice@example.org", "alice%example.org"},
    {"SIP:alice@Example.ORG", "alice%example.org"},
    {"sips:alice@example.org", "alice%example.org"},
    {"sip:alice@example.org:5070", R"(alice%example.org\3a5070)"},
    {"sip:alice@[2001:DB8::1]:5070", R"(alice%[2001\3adb8\3a\3a1]\3a5070)"},
    {"sip:alice@192.0.2.1", "alice%192.0.2.1"},
    // Parameters, headers and a password are not part of the contact.
    {"sip:alice@example.org;transport=tcp;lr", "alice%example.org"},
    {"sip:alice@example.org?subject=hi%20there", "alice%example.org"},
    {"sip:alice:secret@example.org", "alice%example.org"},
    // User parts are kept as written, with XEP-0106 escapes where a localpart needs them.
    {"sip:o'neil@example.org", R"(o\27neil%example.org)"},
    {"sip:x&y@example.org", R"(x\26y%example.org)"},
    {"sip:a/b@example.org", R"(a\2fb%example.org)"},
    {"sip:a;b=c@example.org;user=ip", "a;b=c%example.org"},
    {"sip:a%20b@example.org", "a%20b%example.org"},
    {"sip:%61lice@example.org", "%61lice%example.org"},
    {"sip:a%40b@example.org", "a%40b%example.org"},
    // Numbers: bare for tel: and the user's own domain, with the domain otherwise.
    {"tel:+15551234567", "+15551234567"},
    {"TEL:+1-555-123-4567;phone-context=example.com", "+15551234567"},
    {"tel:(555)123.4567;phone-context=+1", "5551234567"},
    {"sip:+15551234567@sip.example.net;user=phone", "+15551234567"},
    {"sip:5551234@SIP.example.NET", "5551234"},
    {"sip:+1-555-123-4567@sip.example.net;user=phone", "+15551234567"},
    {"sip:+1-555-123-4567@sip.example.net", "+1-555-123-4567%sip.example.net"},  // no user=phone
    {"sip:+15551234567@example.org;user=phone", "+15551234567%example.org"},
    {"sip:100@sip.example.net:5070", R"(100%sip.example.net\3a5070)"},  // another port: not ours
    {"sip:alice@sip.example.net", "alice%sip.example.net"},
};

struct ErrorRow {
    std::string_view from;
    std::string_view error;
};

constexpr ErrorRow from_errors[] = {
    {"", R"("" is not a sip:, sips: or tel: address)"},
    {"mailto:alice@example.org", R"("mailto:alice@example.org" is not a sip:, sips: or tel: address)"},
    {"alice@example.org", R"("alice@example.org" is not a sip:, sips: or tel: address)"},
    {"sip:example.org", R"("sip:example.org" names no user (write sip:user@domain))"},
    {"sip:@example.org", "the SIP user is empty"},
    {"sip::secret@example.org", "the SIP user is empty"},
    {"sip:alice@", R"("sip:alice@": the host is empty)"},
    {"sip:alice@exa_mple.org",
     R"("sip:alice@exa_mple.org": the host "exa_mple.org" is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {"sip:alice@example.org:99999", R"("sip:alice@example.org:99999": the port "99999" is not a number from 1 to 65535)"},
    {"sip:j\xc3\xb6rg@example.org",
     "the SIP user \"j\xc3\xb6rg\" contains the byte 0xC3, which a SIP user part cannot hold unescaped"},
    {"sip:a\"b@example.org",
     R"(the SIP user "a\"b" contains '"', which a SIP user part cannot hold unescaped)"},
    {"sip:a%0d%0aVia:x@example.org", R"(the SIP user "a%0d%0aVia" contains an escaped control character)"},
    {"sip:50%off@example.org",
     R"(the SIP user "50%off" has a '%' that does not start a %XX escape (write %25 for a literal %))"},
    {"sip:alice@example.org\r\nVia: x", "the SIP address contains a space or a control character"},
    {"sip:alice smith@example.org", "the SIP address contains a space or a control character"},
    {"tel:+1555*123",
     R"("tel:+1555*123" is not a telephone number of digits, an optional leading + and the separators - . ( ))"},
    {"tel:", R"("tel:" is not a telephone number of digits, an optional leading + and the separators - . ( ))"},
    {"tel:;phone-context=x",
     R"("tel:;phone-context=x" is not a telephone number of digits, an optional leading + and the separators - . ( ))"},
};

constexpr LocalpartRow typed[] = {
    {"bob@example.com", "bob%example.com"},
    {"  bob@example.com  ", "bob%example.com"},
    {"sip:bob@example.com", "bob%example.com"},
    {"Sips:bob@example.com:5061", R"(bob%example.com\3a5061)"},
    {"o'neil@example.com", R"(o\27neil%example.com)"},
    {"+1 555 123 4567", "+15551234567"},
    {"+1 (555) 123-4567", "+15551234567"},
    {"555.123.4567", "5551234567"},
    {"tel:+15551234567", "+15551234567"},
    {"100@sip.example.net", "100"},
    {"sip:100@sip.example.net", "100"},
    {"100@example.org", "100%example.org"},
};

constexpr ErrorRow typed_errors[] = {
    {"", "enter a SIP address (user@domain) or a phone number"},
    {"   ", "enter a SIP address (user@domain) or a phone number"},
    {"bob", R"("bob" is neither a SIP address (user@domain) nor a phone number)"},
    {"bob%example.com", R"("bob%example.com" is neither a SIP address (user@domain) nor a phone number)"},
    {"bob smith@example.com", "the SIP address contains a space or a control character"},
    {"bob@", R"("sip:bob@": the host is empty)"},
    {"bob@example.com\n", "the address contains a control character"},
    {"1-800-FLOWERS", R"("1-800-FLOWERS" is neither a SIP address (user@domain) nor a phone number)"},
};

}  // namespace

TEST_CASE("an incoming SIP address shows as a contact of the gateway") {
    for (const auto& row : from_uris) {
        CAPTURE(row.from);
        const auto result = gw::localpart_from_sip_uri(row.from, own_domain);
        REQUIRE_MESSAGE(result.localpart, result.error);
        CHECK(*result.localpart == row.localpart);
        CHECK(result.error.empty());
    }
}

TEST_CASE("without a domain of its own every sip: address keeps its domain") {
    const auto result = gw::localpart_from_sip_uri("sip:+15551234567@sip.example.net;user=phone", "");
    REQUIRE(result.localpart);
    CHECK(*result.localpart == "+15551234567%sip.example.net");
    const auto tel = gw::localpart_from_sip_uri("tel:+15551234567", "");
    REQUIRE(tel.localpart);
    CHECK(*tel.localpart == "+15551234567");
}

TEST_CASE("SIP addresses that cannot become a contact are refused with the reason") {
    for (const auto& row : from_errors) {
        CAPTURE(row.from);
        const auto result = gw::localpart_from_sip_uri(row.from, own_domain);
        CHECK_FALSE(result.localpart);
        CHECK(result.error == row.error);
    }
}

TEST_CASE("a contact whose localpart would pass 1023 bytes is refused") {
    const std::string host = "example.org";
    const std::string fits = "sip:" + std::string(1023 - 1 - host.size(), 'a') + "@" + host;
    const auto ok = gw::localpart_from_sip_uri(fits, own_domain);
    REQUIRE(ok.localpart);
    CHECK(ok.localpart->size() == 1023);
    // Escaping makes a localpart longer than the user part: 341 apostrophes alone need 1023 bytes.
    const auto quoted = gw::localpart_from_sip_uri("sip:" + std::string(341, '\'') + "@" + host, own_domain);
    CHECK_FALSE(quoted.localpart);
    CHECK(quoted.error == "the contact address would be longer than 1023 bytes, the limit of a JID localpart");
}

TEST_CASE("what a user types into the gateway prompt becomes a contact") {
    for (const auto& row : typed) {
        CAPTURE(row.from);
        const auto result = gw::localpart_from_user_input(row.from, own_domain);
        REQUIRE_MESSAGE(result.localpart, result.error);
        CHECK(*result.localpart == row.localpart);
    }
}

TEST_CASE("prompt input that names nobody is refused with the reason") {
    for (const auto& row : typed_errors) {
        CAPTURE(row.from);
        const auto result = gw::localpart_from_user_input(row.from, own_domain);
        CHECK_FALSE(result.localpart);
        CHECK(result.error == row.error);
    }
}
