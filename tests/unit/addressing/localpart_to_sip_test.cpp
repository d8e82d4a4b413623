// Calling a contact of the gateway: the localpart of its JID -> the SIP URI the INVITE goes to.
#include "gateway/addressing.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace {

struct TargetRow {
    std::string_view localpart;  // as it appears in the stanza (XEP-0106 escaped)
    std::string_view uri;
};

constexpr std::string_view user_domain = "sip.example.net";

constexpr TargetRow targets[] = {
    // The % convention.
    {"bob%example.com", "sip:bob@example.com"},
    {"bob%Example.COM", "sip:bob@example.com"},
    {"Bob%example.com", "sip:Bob@example.com"},
    {R"(bob%example.com\3a5070)", "sip:bob@example.com:5070"},
    {"bob%192.0.2.7", "sip:bob@192.0.2.7"},
    {R"(bob%192.0.2.7\3a5062)", "sip:bob@192.0.2.7:5062"},
    {R"(bob%[2001\3adb8\3a\3a1])", "sip:bob@[2001:db8::1]"},
    {R"(bob%[2001\3adb8\3a\3a1]\3a5070)", "sip:bob@[2001:db8::1]:5070"},
    // XEP-0106 form.
    {R"(bob\40example.com)", "sip:bob@example.com"},
    {R"(bob\40example.com\3a5070)", "sip:bob@example.com:5070"},
    // User parts with RFC 3261 user-unreserved characters and escapes, kept as written.
    {"a;b=c%example.com", "sip:a;b=c@example.com"},
    {R"(x\26y%example.com)", "sip:x&y@example.com"},
    {R"(o\27neil%example.com)", "sip:o'neil@example.com"},
    {R"(a\2fb%example.com)", "sip:a/b@example.com"},
    {"$,?+%example.com", "sip:$,?+@example.com"},
    {"a%20b%example.com", "sip:a%20b@example.com"},
    {"a%40b%example.com", "sip:a%40b@example.com"},
    {"100%25%example.com", "sip:100%25@example.com"},
    {"+4930123%example.com", "sip:+4930123@example.com"},  // a number at another domain: no user=phone
    {"*97%example.com", "sip:*97@example.com"},
    // Characters a SIP user part cannot hold unescaped become %XX escapes.
    {R"(bob\20smith%example.com)", "sip:bob%20smith@example.com"},
    {R"(\22q\22%example.com)", "sip:%22q%22@example.com"},
    {R"(\3cb\3e%example.com)", "sip:%3Cb%3E@example.com"},
    {R"(a\3ab%example.com)", "sip:a%3Ab@example.com"},
    {R"(a\40b%example.com)", "sip:a%40b@example.com"},  // the '%' after it is the later separator
    {R"(a\5cb%example.com)", "sip:a%5Cb@example.com"},
    {R"(a\b%example.com)", "sip:a%5Cb@example.com"},
    {"a[b]{c}|^`#%example.com", "sip:a%5Bb%5D%7Bc%7D%7C%5E%60%23@example.com"},
    {"j\xc3\xb6rg%example.com", "sip:j%C3%B6rg@example.com"},
    // The last '%' or '@' ends the user part: a host holds neither.
    {"a%25b%example.com", "sip:a%25b@example.com"},
    {R"(a%40b\40example.com)", "sip:a%40b@example.com"},
    {R"(a\40b\40example.com)", "sip:a%40b@example.com"},
    {"bob%40example.com", "sip:bob@40example.com"},
    // Numbers dial the user's own SIP domain.
    {"+15551234567", "sip:+15551234567@sip.example.net;user=phone"},
    {"5551234", "sip:5551234@sip.example.net;user=phone"},
    {"+1-555-123-4567", "sip:+15551234567@sip.example.net;user=phone"},
    {"(555)123.4567", "sip:5551234567@sip.example.net;user=phone"},
    {R"(+1\20555\20123\204567)", "sip:+15551234567@sip.example.net;user=phone"},
    {"0", "sip:0@sip.example.net;user=phone"},
};

struct ErrorRow {
    std::string_view localpart;
    std::string_view error;
};

constexpr ErrorRow errors[] = {
    {"", "the contact address is empty"},
    {"%example.com", R"("%example.com" has no SIP user before the domain)"},
    {R"(\40example.com)", R"("@example.com" has no SIP user before the domain)"},
    {"bob%", R"("bob%" has no SIP domain)"},
    {R"(bob\40)", R"("bob@" has no SIP domain)"},
    {"bob%exa_mple.com",
     R"("bob%exa_mple.com": the host "exa_mple.com" is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {R"(bob%example.com\3a0)", R"("bob%example.com:0": the port "0" is not a number from 1 to 65535)"},
    {R"(bob%2001\3adb8\3a\3a1)",
     R"("bob%2001:db8::1": an IPv6 address must be written in brackets, e.g. [2001:db8::1]:5060)"},
    {R"(a\40b%example.com\40)", R"("a@b%example.com@" has no SIP domain)"},
    {"50%off%example.com",
     R"(the SIP user "50%off" has a '%' that does not start a %XX escape (write %25 for a literal %))"},
    {"a%0d%0aVia%example.com",
     R"(the SIP user "a%0d%0aVia" contains an escaped control character)"},
    {"bob", R"("bob" is neither a phone number nor a SIP address (write user%domain, e.g. bob%example.com))"},
    {"1-800-flowers",
     R"("1-800-flowers" is neither a phone number nor a SIP address (write user%domain, e.g. bob%example.com))"},
    {"+", R"("+" is neither a phone number nor a SIP address (write user%domain, e.g. bob%example.com))"},
    {"1+2", R"("1+2" is neither a phone number nor a SIP address (write user%domain, e.g. bob%example.com))"},
    {"bob%example.com\r\n", "the contact address contains a control character"},
    {std::string_view("bob\0%example.com", 16), "the contact address contains a control character"},
    {"bob%example.com\x7f", "the contact address contains a control character"},
};

}  // namespace

TEST_CASE("a contact's localpart names the SIP address to call") {
    for (const auto& row : targets) {
        CAPTURE(row.localpart);
        const auto result = gw::sip_target_from_localpart(row.localpart, user_domain);
        REQUIRE_MESSAGE(result.target, result.error);
        CHECK(result.target->uri() == row.uri);
        CHECK(result.error.empty());
    }
}

TEST_CASE("the target's parts are kept apart for the SIP layer") {
    const auto named = gw::sip_target_from_localpart(R"(bob%[2001\3adb8\3a\3a1]\3a5070)", user_domain);
    REQUIRE(named.target);
    CHECK(*named.target == gw::SipTarget{"bob", "2001:db8::1", 5070, false});
    const auto number = gw::sip_target_from_localpart("+15551234567", user_domain);
    REQUIRE(number.target);
    CHECK(*number.target == gw::SipTarget{"+15551234567", "sip.example.net", 0, true});
}

TEST_CASE("numbers are dialled in the user's domain as written in the account") {
    const auto with_port = gw::sip_target_from_localpart("100", "Pbx.Example.org:5080");
    REQUIRE(with_port.target);
    CHECK(with_port.target->uri() == "sip:100@pbx.example.org:5080;user=phone");
    const auto v6 = gw::sip_target_from_localpart("100", "[2001:db8::5]");
    REQUIRE(v6.target);
    CHECK(v6.target->uri() == "sip:100@[2001:db8::5];user=phone");
}

TEST_CASE("a number cannot be dialled without the user's SIP domain") {
    const auto result = gw::sip_target_from_localpart("+15551234567", "");
    CHECK_FALSE(result.target);
    CHECK(result.error ==
          R"("+15551234567" is a phone number, but no SIP domain is known to dial it in (register a SIP account first))");
    const auto broken = gw::sip_target_from_localpart("+15551234567", "exa_mple");
    CHECK_FALSE(broken.target);
    CHECK(broken.error ==
          R"(the SIP domain to dial numbers in is not valid: the host "exa_mple" is not a valid host name (letters, digits, hyphens and dots) or IP address)");
    // A SIP address does not need it.
    CHECK(gw::sip_target_from_localpart("bob%example.com", "").target);
}

TEST_CASE("localparts that cannot name a SIP address are refused with the reason") {
    for (const auto& row : errors) {
        CAPTURE(row.localpart);
        const auto result = gw::sip_target_from_localpart(row.localpart, user_domain);
        CHECK_FALSE(result.target);
        CHECK(result.error == row.error);
    }
}

TEST_CASE("a localpart may be 1023 bytes long, not more") {
    const std::string host = "example.com";
    const std::string longest = std::string(1023 - 1 - host.size(), 'a') + "%" + host;
    REQUIRE(longest.size() == 1023);
    const auto fits = gw::sip_target_from_localpart(longest, user_domain);
    REQUIRE(fits.target);
    CHECK(fits.target->user.size() == 1023 - 1 - host.size());
    const auto too_long = gw::sip_target_from_localpart("a" + longest, user_domain);
    CHECK_FALSE(too_long.target);
    CHECK(too_long.error == "the contact address is longer than 1023 bytes");
}
