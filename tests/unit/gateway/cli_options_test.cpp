#include "gateway/cli_options.hpp"

#include <doctest/doctest.h>

using gw::Command;
using gw::parse_command_line;

TEST_CASE("no arguments runs the gateway with the default configuration file") {
    auto parsed = parse_command_line({});
    REQUIRE(parsed.options);
    CHECK(parsed.options->command == Command::run);
    CHECK(parsed.options->config_path == "/etc/xmpp-sip-gateway/gateway.toml");
}

TEST_CASE("--config and --check-config in either order") {
    for (auto args : {std::vector<std::string>{"--config", "x.toml", "--check-config"},
                      std::vector<std::string>{"--check-config", "--config=x.toml"},
                      std::vector<std::string>{"--check-config", "-c", "x.toml"}}) {
        auto parsed = parse_command_line(args);
        REQUIRE(parsed.options);
        CHECK(parsed.options->command == Command::check_config);
        CHECK(parsed.options->config_path == "x.toml");
    }
}

TEST_CASE("translate takes everything after it") {
    auto parsed = parse_command_line({"translate", "sdp-to-jingle", "--sid", "abc", "--config"});
    REQUIRE(parsed.options);
    CHECK(parsed.options->command == Command::translate);
    CHECK(parsed.options->translate_args == std::vector<std::string>{"sdp-to-jingle", "--sid", "abc", "--config"});
}

TEST_CASE("version and help") {
    CHECK(parse_command_line({"--version"}).options->command == Command::version);
    CHECK(parse_command_line({"-h"}).options->command == Command::help);
    CHECK(gw::usage_text().find("--check-config") != std::string::npos);
}

TEST_CASE("bad command lines say what is wrong") {
    CHECK(parse_command_line({"--config"}).error == "--config needs a file name");
    CHECK(parse_command_line({"--config="}).error == "--config needs a file name");
    CHECK(parse_command_line({"--frobnicate"}).error == "unknown argument: --frobnicate");
    CHECK(parse_command_line({"--version", "--help"}).error == "conflicting options: --help");
    CHECK_FALSE(parse_command_line({"--check-config", "translate"}).options);
}
