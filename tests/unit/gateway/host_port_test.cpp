#include "gateway/host_port.hpp"

#include <doctest/doctest.h>

using gw::split_host_port;

TEST_CASE("host and port pairs split") {
    auto v4 = split_host_port("127.0.0.1:5060");
    REQUIRE(v4);
    CHECK(v4->host == "127.0.0.1");
    CHECK(v4->port == 5060);
    auto v6 = split_host_port("[::1]:5070");
    REQUIRE(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->port == 5070);
    auto name = split_host_port("sip.example.com", 5060);
    REQUIRE(name);
    CHECK(name->host == "sip.example.com");
    CHECK(name->port == 5060);
    auto bare_v6 = split_host_port("2001:db8::1", 5060);
    REQUIRE(bare_v6);
    CHECK(bare_v6->host == "2001:db8::1");
    CHECK(bare_v6->port == 5060);
    auto bracketed = split_host_port("[2001:db8::1]", 5061);
    REQUIRE(bracketed);
    CHECK(bracketed->port == 5061);
}

TEST_CASE("malformed pairs are refused") {
    CHECK_FALSE(split_host_port("127.0.0.1"));  // no port and no default
    CHECK_FALSE(split_host_port(":5060"));
    CHECK_FALSE(split_host_port("host:"));
    CHECK_FALSE(split_host_port("host:0"));
    CHECK_FALSE(split_host_port("host:65536"));
    CHECK_FALSE(split_host_port("host:50x"));
    CHECK_FALSE(split_host_port("[::1:5060"));
    CHECK_FALSE(split_host_port("[::1]5060"));
}
