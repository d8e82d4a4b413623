// The syntax checks behind domains, hosts and host:port values, row by row.
#include "config/value_checks.hpp"

#include <doctest/doctest.h>

#include <array>

namespace gw::config {
namespace {

TEST_CASE("domains") {
    const std::array good{"localhost", "sip.example.org", "xn--bcher-kva.example", "a-b.c0", "EXAMPLE.ORG"};
    for (const char* text : good) {
        CAPTURE(text);
        CHECK_FALSE(check_domain(text).has_value());
    }
    struct Bad {
        std::string text;
        const char* why;
    };
    const std::array<Bad, 9> bad{{
        {"", "empty"},
        {".example.org", "empty label"},
        {"a..b", "empty label"},
        {"-a.org", "a label starts or ends with '-'"},
        {"a-.org", "a label starts or ends with '-'"},
        {"b\xc3\xbc" "cher.example", "non-ASCII character; use the xn-- (punycode) form"},
        {std::string(64, 'a') + ".org", "a label is longer than 63 characters"},
        {std::string(250, 'a') + ".org", "longer than 253 characters"},
        {"192.168.0.300", "the last label is all digits"},
    }};
    for (const Bad& row : bad) {
        CAPTURE(row.text);
        const auto error = check_domain(row.text);
        REQUIRE(error.has_value());
        CHECK(error->ends_with(std::string("(") + row.why + ")"));
    }
}

TEST_CASE("hosts: IP literals or names") {
    for (const char* text : {"127.0.0.1", "::1", "2001:db8::1", "xmpp.example.org", "localhost"}) {
        CAPTURE(text);
        CHECK_FALSE(check_host(text).has_value());
    }
    for (const char* text : {"", "[::1]", "::g", "exa mple", "host:5347"}) {
        CAPTURE(text);
        CHECK(check_host(text).has_value());
    }
    CHECK_FALSE(is_ipv4_literal(std::string("1.2.3.4\0x", 9)));
    CHECK_FALSE(is_ipv6_literal(std::string("::1\0", 4)));
}

TEST_CASE("host:port") {
    for (const char* text : {"127.0.0.1:5060", "[::1]:5060", "[2001:db8::1]:1", "gw.example.org:65535"}) {
        CAPTURE(text);
        CHECK_FALSE(check_host_port(text, PortPart::required).has_value());
        CHECK_FALSE(check_host_port(text, PortPart::optional).has_value());
    }
    for (const char* text : {"gw.example.org", "[::1]", "10.0.0.1"}) {
        CAPTURE(text);
        CHECK(check_host_port(text, PortPart::required).has_value());
        CHECK_FALSE(check_host_port(text, PortPart::optional).has_value());
    }
    for (const char* text : {"", ":5060", "[::1", "[::1]5060", "[::1]:", "a:b", "a:0", "a:65536", "a:+5", "::1",
                             "[fe80::1%eth0]:5060", "a: 5"}) {
        CAPTURE(text);
        CHECK(check_host_port(text, PortPart::required).has_value());
        CHECK(check_host_port(text, PortPart::optional).has_value());
    }
}

TEST_CASE("printable text and quoting for messages") {
    CHECK_FALSE(check_printable("Example Gateway/1.0 (build 7)").has_value());
    CHECK(check_printable("a\tb").has_value());
    CHECK(check_printable("a\x7f").has_value());
    CHECK(quoted("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\x01\"");
}

}  // namespace
}  // namespace gw::config
