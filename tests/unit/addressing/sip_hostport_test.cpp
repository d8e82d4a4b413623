// The building blocks: host[:port] of SIP addresses, SIP user parts, and quoting in messages.
#include "gateway/addressing.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace {

struct HostRow {
    std::string_view text;
    std::string_view host;
    std::uint16_t port;
};

constexpr HostRow valid_hosts[] = {
    {"example.com", "example.com", 0},
    {"Example.COM", "example.com", 0},
    {"example.com:5070", "example.com", 5070},
    {"localhost", "localhost", 0},
    {"a", "a", 0},
    {"sip-1.example-2.org", "sip-1.example-2.org", 0},
    {"40example.com", "40example.com", 0},
    {"xn--bcher-kva.example", "xn--bcher-kva.example", 0},
    {"192.0.2.1", "192.0.2.1", 0},
    {"192.0.2.1:1", "192.0.2.1", 1},
    {"127.0.0.1:65535", "127.0.0.1", 65535},
    {"[::1]", "::1", 0},
    {"[2001:DB8::1]:5061", "2001:db8::1", 5061},
    {"[::ffff:192.0.2.1]", "::ffff:192.0.2.1", 0},
    {"host:05060", "host", 5060},
};

struct ErrorRow {
    std::string_view text;
    std::string_view error;
};

constexpr ErrorRow invalid_hosts[] = {
    {"", "the host is empty"},
    {":5060", "the host is empty"},
    {"exa_mple.com",
     R"(the host "exa_mple.com" is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {"example.com.",
     R"(the host "example.com." is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {".example.com",
     R"(the host ".example.com" is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {"a..b", R"(the host "a..b" is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {"-a.com", R"(the host "-a.com" is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {"a-.com", R"(the host "a-.com" is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {"example.123",
     R"(the host "example.123" is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {"1.2.3", R"(the host "1.2.3" is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {"256.1.1.1",
     R"(the host "256.1.1.1" is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {"b\xc3\xbc" "cher.de",
     "the host \"b\xc3\xbc" "cher.de\" is not a valid host name (letters, digits, hyphens and dots) or IP address"},
    {"ex%41mple.com",
     R"(the host "ex%41mple.com" is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {"example.com;transport=tcp",
     R"(the host "example.com;transport=tcp" is not a valid host name (letters, digits, hyphens and dots) or IP address)"},
    {"2001:db8::1", "an IPv6 address must be written in brackets, e.g. [2001:db8::1]:5060"},
    {"[2001:db8::1", R"(the IPv6 address "[2001:db8::1" has no closing ']')"},
    {"[1::2::3]", R"("[1::2::3]" is not a valid IPv6 address)"},
    {"[fe80::1%eth0]", R"("[fe80::1%eth0]" is not a valid IPv6 address)"},
    {"[example.com]", R"("[example.com]" is not a valid IPv6 address)"},
    {"[::1]5060", R"(unexpected "5060" after the host)"},
    {"host:", R"(the port "" is not a number from 1 to 65535)"},
    {"host:0", R"(the port "0" is not a number from 1 to 65535)"},
    {"host:65536", R"(the port "65536" is not a number from 1 to 65535)"},
    {"host:123456", R"(the port "123456" is not a number from 1 to 65535)"},
    {"host:50x", R"(the port "50x" is not a number from 1 to 65535)"},
    {"host:-1", R"(the port "-1" is not a number from 1 to 65535)"},
    {"host\r\n", "the host contains a control character"},
    {std::string_view("ho\0st", 5), "the host contains a control character"},
};

}  // namespace

TEST_CASE("host and port of SIP addresses are read") {
    for (const auto& row : valid_hosts) {
        CAPTURE(row.text);
        const auto result = gw::parse_sip_hostport(row.text);
        REQUIRE_MESSAGE(result.value, result.error);
        CHECK(result.value->host == row.host);
        CHECK(result.value->port == row.port);
        CHECK(result.error.empty());
    }
}

TEST_CASE("invalid hosts and ports are refused with a reason") {
    for (const auto& row : invalid_hosts) {
        CAPTURE(row.text);
        const auto result = gw::parse_sip_hostport(row.text);
        CHECK_FALSE(result.value);
        CHECK(result.error == row.error);
    }
}

TEST_CASE("host names follow the length limits of DNS") {
    const std::string label63(63, 'a');
    CHECK(gw::parse_sip_hostport(label63 + ".com").value);
    CHECK_FALSE(gw::parse_sip_hostport(label63 + "a.com").value);
    std::string name;
    while (name.size() + 2 <= 253) name += "a.";
    name += "b";  // 253 bytes
    REQUIRE(name.size() == 253);
    CHECK(gw::parse_sip_hostport(name).value);
    CHECK(gw::parse_sip_hostport("a" + name).error == "the host name is longer than 253 bytes");
}

TEST_CASE("IPv6 hosts are written in brackets in URIs") {
    CHECK(gw::sip_host_text("example.com") == "example.com");
    CHECK(gw::sip_host_text("192.0.2.1") == "192.0.2.1");
    CHECK(gw::sip_host_text("2001:db8::1") == "[2001:db8::1]");
}

TEST_CASE("SIP user parts are checked against RFC 3261") {
    for (std::string_view user : {"bob", "+15551234567", "a%20b", "o'neil", "a;b=c", "x&y", "$,?/",
                                  "-_.!~*'()", "%e2%82%ac", "%7E"}) {
        CAPTURE(user);
        CHECK(gw::sip_user_problem(user).empty());
    }
    CHECK(gw::sip_user_problem("") == "the SIP user is empty");
    CHECK(gw::sip_user_problem("bob smith") ==
          R"(the SIP user "bob smith" contains a space, which a SIP user part cannot hold unescaped)");
    CHECK(gw::sip_user_problem("a@b") ==
          R"(the SIP user "a@b" contains '@', which a SIP user part cannot hold unescaped)");
    CHECK(gw::sip_user_problem("a:b") ==
          R"(the SIP user "a:b" contains ':', which a SIP user part cannot hold unescaped)");
    CHECK(gw::sip_user_problem("j\xc3\xb6rg") ==
          "the SIP user \"j\xc3\xb6rg\" contains the byte 0xC3, which a SIP user part cannot hold unescaped");
    CHECK(gw::sip_user_problem("a\r\nb") ==
          R"(the SIP user "a\x0D\x0Ab" contains the byte 0x0D, which a SIP user part cannot hold unescaped)");
    CHECK(gw::sip_user_problem("50%off") ==
          R"(the SIP user "50%off" has a '%' that does not start a %XX escape (write %25 for a literal %))");
    CHECK(gw::sip_user_problem("a%2") ==
          R"(the SIP user "a%2" has a '%' that does not start a %XX escape (write %25 for a literal %))");
    for (std::string_view escaped_control : {"a%0d%0aVia:x", "%00", "%1F", "%7f"}) {
        CAPTURE(escaped_control);
        CHECK(gw::sip_user_problem(escaped_control) ==
              "the SIP user " + gw::quoted_for_message(escaped_control) +
                  " contains an escaped control character");
    }
}

TEST_CASE("values in messages are quoted safely and shortened") {
    CHECK(gw::quoted_for_message("bob") == R"("bob")");
    CHECK(gw::quoted_for_message(R"(a"b\c)") == R"("a\"b\\c")");
    CHECK(gw::quoted_for_message(std::string_view("a\0\r\n\x7f", 5)) == R"("a\x00\x0D\x0A\x7F")");
    const std::string long_value(100, 'x');
    CHECK(gw::quoted_for_message(long_value) == "\"" + std::string(60, 'x') + "...\"");
    // 59 ASCII bytes, then a two-byte character across the cut: it is left out whole.
    const std::string accented = std::string(59, 'x') + "\xc3\xa9" + "tail";
    CHECK(gw::quoted_for_message(accented) == "\"" + std::string(59, 'x') + "...\"");
}
