// Reading a submitted registration form (XEP-0100 / XEP-0077 / XEP-0004 values) into a SIP account.
#include "gateway/registration_form.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using gw::FormCondition;
using gw::FormValues;
using gw::SipAccountInput;

namespace {

constexpr std::string_view password = "Pa55-unique-w0rd";
constexpr auto bad_request = FormCondition::bad_request;
constexpr auto not_acceptable = FormCondition::not_acceptable;

FormValues form(std::string username, std::string pass = std::string(password)) {
    return FormValues{{"username", {std::move(username)}}, {"password", {std::move(pass)}}};
}

FormValues with_values(FormValues values, const std::string& field, std::vector<std::string> given) {
    values[field] = std::move(given);
    return values;
}

FormValues with(FormValues values, const std::string& field, std::string value) {
    return with_values(std::move(values), field, {std::move(value)});
}

struct AccountRow {
    const char* name;
    FormValues values;
    std::string_view default_domain;
    SipAccountInput expected;
};

struct ProblemRow {
    const char* name;
    FormValues values;
    std::string_view default_domain;
    std::string field;
    std::string text;
    FormCondition condition;
};

const std::string secret(password);

std::vector<AccountRow> account_rows() {
    return {
        {"a full address", form("bob@example.com"), "", {"bob", "example.com", secret, "", "", ""}},
        {"a sip: URI", form("sip:bob@Example.COM"), "", {"bob", "example.com", secret, "", "", ""}},
        {"an upper-case scheme", form("SIP:bob@example.com"), "", {"bob", "example.com", secret, "", "", ""}},
        {"spaces around", form("  bob@example.com "), "", {"bob", "example.com", secret, "", "", ""}},
        {"a user name and the default domain", form("bob"), "example.net",
         {"bob", "example.net", secret, "", "", ""}},
        {"a sip: user name and the default domain", form("sip:bob"), "Example.NET",
         {"bob", "example.net", secret, "", "", ""}},
        {"an explicit domain wins over the default", form("bob@example.com"), "example.net",
         {"bob", "example.com", secret, "", "", ""}},
        {"the letter case of the user is kept", form("Bob@example.com"), "", {"Bob", "example.com", secret, "", "", ""}},
        {"a number as user", form("+4930123456@example.com"), "",
         {"+4930123456", "example.com", secret, "", "", ""}},
        {"RFC 3261 user characters", form("o'neil;x=1@example.com"), "",
         {"o'neil;x=1", "example.com", secret, "", "", ""}},
        {"an escaped user", form("a%20b@example.com"), "", {"a%20b", "example.com", secret, "", "", ""}},
        {"an IPv4 domain", form("bob@192.0.2.1"), "", {"bob", "192.0.2.1", secret, "", "", ""}},
        {"an IPv6 domain", form("bob@[2001:DB8::1]"), "", {"bob", "[2001:db8::1]", secret, "", "", ""}},
        {"the password is kept exactly", form("bob@example.com", " secret \xc3\xa4$$ \\ "), "",
         {"bob", "example.com", " secret \xc3\xa4$$ \\ ", "", "", ""}},
        {"a 1024-byte password", form("bob@example.com", std::string(1024, 'x')), "",
         {"bob", "example.com", std::string(1024, 'x'), "", "", ""}},
        {"a 255-byte user", form(std::string(255, 'u') + "@example.com"), "",
         {std::string(255, 'u'), "example.com", secret, "", "", ""}},
        {"an authentication user", with(form("bob@example.com"), "auth_username", "  bob-auth "), "",
         {"bob", "example.com", secret, "bob-auth", "", ""}},
        {"a Windows-style authentication user", with(form("bob@example.com"), "auth_username", R"(CORP\bob)"), "",
         {"bob", "example.com", secret, R"(CORP\bob)", "", ""}},
        {"a proxy host", with(form("bob@example.com"), "proxy", "Proxy.Example.com"), "",
         {"bob", "example.com", secret, "", "proxy.example.com", ""}},
        {"a proxy host and port", with(form("bob@example.com"), "proxy", "proxy.example.com:5070"), "",
         {"bob", "example.com", secret, "", "proxy.example.com:5070", ""}},
        {"a proxy pasted as a SIP URI", with(form("bob@example.com"), "proxy", "sip:proxy.example.com"), "",
         {"bob", "example.com", secret, "", "proxy.example.com", ""}},
        {"an IPv4 proxy", with(form("bob@example.com"), "proxy", "192.0.2.1:5060"), "",
         {"bob", "example.com", secret, "", "192.0.2.1:5060", ""}},
        {"an IPv6 proxy with port", with(form("bob@example.com"), "proxy", "[::1]:5060"), "",
         {"bob", "example.com", secret, "", "[::1]:5060", ""}},
        {"an IPv6 proxy without port", with(form("bob@example.com"), "proxy", "[2001:DB8::1]"), "",
         {"bob", "example.com", secret, "", "[2001:db8::1]", ""}},
        {"an empty proxy", with(form("bob@example.com"), "proxy", "  "), "",
         {"bob", "example.com", secret, "", "", ""}},
        {"transport udp", with(form("bob@example.com"), "transport", "udp"), "",
         {"bob", "example.com", secret, "", "", "udp"}},
        {"transport TCP", with(form("bob@example.com"), "transport", "TCP"), "",
         {"bob", "example.com", secret, "", "", "tcp"}},
        {"transport tls", with(form("bob@example.com"), "transport", " tls "), "",
         {"bob", "example.com", secret, "", "", "tls"}},
        {"an empty transport", with(form("bob@example.com"), "transport", ""), "",
         {"bob", "example.com", secret, "", "", ""}},
        {"unknown fields are ignored",
         with(with(form("bob@example.com"), "FORM_TYPE", "jabber:iq:register"), "email", "x@y"), "",
         {"bob", "example.com", secret, "", "", ""}},
        {"a field without value is absent", with_values(form("bob@example.com"), "proxy", {}), "",
         {"bob", "example.com", secret, "", "", ""}},
    };
}

std::vector<ProblemRow> problem_rows() {
    const std::string forbidden = R"(contains a character that is not allowed (control characters, ", < or >))";
    return {
        {"no username", FormValues{{"password", {secret}}}, "", "username", "required", bad_request},
        {"an empty username", form(""), "", "username", "required", bad_request},
        {"a blank username", form("   "), "example.net", "username", "required", bad_request},
        {"no password", FormValues{{"username", {"bob@example.com"}}}, "", "password", "required", bad_request},
        {"an empty password", form("bob@example.com", ""), "", "password", "required", bad_request},
        {"a username given twice", FormValues{{"username", {"a@x.com", "b@x.com"}}, {"password", {secret}}}, "",
         "username", "given more than once", bad_request},
        {"a password given twice", FormValues{{"username", {"bob@x.com"}}, {"password", {secret, secret}}}, "",
         "password", "given more than once", bad_request},
        {"a transport given twice", with_values(form("bob@x.com"), "transport", {"udp", "tcp"}), "", "transport",
         "given more than once", bad_request},
        {"no domain after @", form("bob@"), "example.net", "username", R"("bob@" has no SIP domain)",
         not_acceptable},
        {"no user before @", form("@example.com"), "", "username", R"("@example.com" has no SIP user)",
         not_acceptable},
        {"no user in a sip: URI", form("sip:@example.com"), "", "username", R"("sip:@example.com" has no SIP user)",
         not_acceptable},
        {"a user name without any domain", form("bob"), "", "username",
         R"("bob" has no SIP domain; write it as user@domain)", not_acceptable},
        {"two @", form("a@b@example.com"), "", "username", R"("a@b@example.com" has more than one '@')",
         not_acceptable},
        {"a password in the address", form("bob:" + secret + "@example.com"), "", "username",
         "cannot contain ':' (write the SIP address as user@domain, and the password in its own field)",
         not_acceptable},
        {"a tel: URI", form("tel:+15551234567"), "", "username",
         "cannot contain ':' (write the SIP address as user@domain, and the password in its own field)",
         not_acceptable},
        {"a sips: URI", form("sips:bob@example.com"), "", "username",
         R"(write the address without "sips:" and choose transport tls)", not_acceptable},
        {"a space in the user", form("bob smith@example.com"), "", "username",
         R"(the SIP user "bob smith" contains a space, which a SIP user part cannot hold unescaped)",
         not_acceptable},
        {"a stray % in the user", form("50%off@example.com"), "", "username",
         R"(the SIP user "50%off" has a '%' that does not start a %XX escape (write %25 for a literal %))",
         not_acceptable},
        {"an escaped line break in the user", form("a%0d%0aVia@example.com"), "", "username",
         R"(the SIP user "a%0d%0aVia" contains an escaped control character)", not_acceptable},
        {"an invalid domain", form("bob@exa_mple.com"), "", "username",
         R"(the host "exa_mple.com" is not a valid host name (letters, digits, hyphens and dots) or IP address)",
         not_acceptable},
        {"URI parameters", form("sip:bob@example.com;transport=tcp"), "", "username",
         R"(the host "example.com;transport=tcp" is not a valid host name (letters, digits, hyphens and dots) or IP address)",
         not_acceptable},
        {"a port in the domain", form("bob@example.com:5060"), "", "username",
         R"("bob@example.com:5060": a SIP domain has no port; put host:port in the proxy field)",
         not_acceptable},
        {"IPv6 without brackets", form("bob@2001:db8::1"), "", "username",
         "an IPv6 address must be written in brackets, e.g. [2001:db8::1]:5060", not_acceptable},
        {"a 256-byte user", form(std::string(256, 'u') + "@example.com"), "", "username",
         "the SIP user is longer than 255 bytes", not_acceptable},
        {"a 256-byte domain", form("bob@" + std::string(252, 'd') + ".com"), "", "username",
         "the SIP domain is longer than 255 bytes", not_acceptable},
        {"a 254-byte domain", form("bob@" + std::string(250, 'd') + ".com"), "", "username",
         "the host name is longer than 253 bytes", not_acceptable},
        {"a username in angle brackets", form("<sip:bob@example.com>"), "", "username", forbidden, not_acceptable},
        {"a quoted username", form(R"("bob"@example.com)"), "", "username", forbidden, not_acceptable},
        {"a header injected into the username", form("bob@example.com\r\nVia: x"), "", "username", forbidden,
         not_acceptable},
        {"a NUL in the username", form(std::string("bob\0@example.com", 16)), "", "username", forbidden,
         not_acceptable},
        {"a 1025-byte password", form("bob@example.com", std::string(1025, 'x')), "", "password",
         "the password is longer than 1024 bytes", not_acceptable},
        {"a line break in the password", form("bob@example.com", secret + "\n"), "", "password", forbidden,
         not_acceptable},
        {"a quote in the password", form("bob@example.com", secret + "\""), "", "password", forbidden, not_acceptable},
        {"a 256-byte authentication user", with(form("bob@x.com"), "auth_username", std::string(256, 'a')), "",
         "auth_username", "the authentication user is longer than 255 bytes", not_acceptable},
        {"a tab in the authentication user", with(form("bob@x.com"), "auth_username", "bob\tx"), "",
         "auth_username", forbidden, not_acceptable},
        {"an invalid proxy", with(form("bob@x.com"), "proxy", "exa_mple.com"), "", "proxy",
         R"(the host "exa_mple.com" is not a valid host name (letters, digits, hyphens and dots) or IP address)",
         not_acceptable},
        {"proxy port 0", with(form("bob@x.com"), "proxy", "proxy.example.com:0"), "", "proxy",
         R"(the port "0" is not a number from 1 to 65535)", not_acceptable},
        {"proxy port 65536", with(form("bob@x.com"), "proxy", "proxy.example.com:65536"), "", "proxy",
         R"(the port "65536" is not a number from 1 to 65535)", not_acceptable},
        {"a proxy port that is no number", with(form("bob@x.com"), "proxy", "proxy.example.com:sip"), "", "proxy",
         R"(the port "sip" is not a number from 1 to 65535)", not_acceptable},
        {"an IPv6 proxy without brackets", with(form("bob@x.com"), "proxy", "2001:db8::1"), "", "proxy",
         "an IPv6 address must be written in brackets, e.g. [2001:db8::1]:5060", not_acceptable},
        {"an unclosed IPv6 proxy", with(form("bob@x.com"), "proxy", "[::1:5060"), "", "proxy",
         R"(the IPv6 address "[::1:5060" has no closing ']')", not_acceptable},
        {"a proxy with a line break", with(form("bob@x.com"), "proxy", "proxy\r\n.example.com"), "", "proxy",
         forbidden, not_acceptable},
        {"an unknown transport", with(form("bob@x.com"), "transport", "sctp"), "", "transport",
         R"("sctp" is not one of udp, tcp or tls)", not_acceptable},
        {"a WebSocket transport", with(form("bob@x.com"), "transport", "WS"), "", "transport",
         R"("WS" is not one of udp, tcp or tls)", not_acceptable},
    };
}

}  // namespace

TEST_CASE("valid forms give the SIP account") {
    for (const auto& row : account_rows()) {
        CAPTURE(row.name);
        const auto result = gw::read_registration(row.values, row.default_domain);
        REQUIRE_MESSAGE(result.account, result.error_text());
        CHECK(*result.account == row.expected);
        CHECK(result.problems.empty());
        CHECK(result.error_text().empty());
    }
}

TEST_CASE("each broken rule is reported for its field with the error condition to send") {
    for (const auto& row : problem_rows()) {
        CAPTURE(row.name);
        const auto result = gw::read_registration(row.values, row.default_domain);
        CHECK_FALSE(result.account);
        REQUIRE(result.problems.size() == 1);
        CHECK(result.problems[0].field == row.field);
        CHECK(result.problems[0].text == row.text);
        CHECK(result.problems[0].condition == row.condition);
        CHECK(result.condition() == row.condition);
        CHECK(result.error_text() == row.field + ": " + row.text);
        // The password never shows, whatever went wrong.
        CHECK(result.error_text().find(password) == std::string::npos);
    }
}

TEST_CASE("all problems of a form are reported at once, in the order of the form") {
    FormValues values{{"username", {"bob@"}}, {"transport", {"sctp"}}, {"proxy", {"x:0"}}};
    const auto result = gw::read_registration(values, "");
    CHECK_FALSE(result.account);
    REQUIRE(result.problems.size() == 4);
    CHECK(result.problems[0].message() == R"(username: "bob@" has no SIP domain)");
    CHECK(result.problems[1].message() == "password: required");
    CHECK(result.problems[2].message() == R"(proxy: the port "0" is not a number from 1 to 65535)");
    CHECK(result.problems[3].message() == R"(transport: "sctp" is not one of udp, tcp or tls)");
    // A missing field makes the whole form a bad request.
    CHECK(result.condition() == FormCondition::bad_request);
    CHECK(result.error_text() ==
          R"(username: "bob@" has no SIP domain; password: required; proxy: the port "0" is not a number)"
          R"( from 1 to 65535; transport: "sctp" is not one of udp, tcp or tls)");
}

TEST_CASE("a form with only bad values is not acceptable") {
    auto values = with(form("bob@exa_mple.com"), "transport", "sctp");
    const auto result = gw::read_registration(values, "");
    REQUIRE(result.problems.size() == 2);
    CHECK(result.condition() == FormCondition::not_acceptable);
}

TEST_CASE("no field may carry characters that would reach a SIP header or the XML raw") {
    const std::string_view fields[] = {"username", "password", "auth_username", "proxy", "transport"};
    const std::string_view bad[] = {std::string_view("\0", 1), "\r", "\n", "\t", "\x1b", "\x7f", "\"", "<", ">"};
    for (const auto field : fields) {
        for (const auto character : bad) {
            CAPTURE(field);
            CAPTURE(static_cast<int>(character[0]));
            const auto values =
                with(form("bob@example.com"), std::string(field), "x" + std::string(character) + "y");
            const auto result = gw::read_registration(values, "example.com");
            CHECK_FALSE(result.account);
            REQUIRE(result.problems.size() == 1);
            CHECK(result.problems[0].field == field);
            CHECK(result.problems[0].text ==
                  R"(contains a character that is not allowed (control characters, ", < or >))");
            CHECK(result.condition() == FormCondition::not_acceptable);
        }
    }
}

TEST_CASE("conditions have their XMPP names") {
    CHECK(std::string_view(gw::form_condition_name(FormCondition::bad_request)) == "bad-request");
    CHECK(std::string_view(gw::form_condition_name(FormCondition::not_acceptable)) == "not-acceptable");
}
