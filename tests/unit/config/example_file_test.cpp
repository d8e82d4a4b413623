// The shipped example configuration loads cleanly, and it and the documentation cover every key.
#include "config/load.hpp"
#include "config/setting_fields.hpp"
#include "tests/unit/config/config_test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#ifndef GATEWAY_SOURCE_ROOT
#error "GATEWAY_SOURCE_ROOT must name the project's source directory"
#endif

namespace gw::config {
namespace {

const std::string example_path = std::string(GATEWAY_SOURCE_ROOT) + "/config/gateway.example.toml";
const std::string docs_path = std::string(GATEWAY_SOURCE_ROOT) + "/docs/configuration.md";

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST_CASE("config/gateway.example.toml loads without errors") {
    const LoadResult result = load_settings_file(example_path, {});
    INFO(test::error_text(result));
    REQUIRE(result.errors.empty());
    REQUIRE(result.settings.has_value());
    CHECK(result.settings->xmpp.component == "sip.example.org");
}

TEST_CASE("the example file shows every key (set or commented out) under its section") {
    const std::string text = read_text(example_path);
    for (const Field& field : all_fields()) {
        CAPTURE(field.name());
        const std::size_t section = text.find("[" + std::string(field.section) + "]");
        REQUIRE(section != std::string::npos);
        const std::size_t next_section = text.find("\n[", section + 1);
        const std::string body = text.substr(section, next_section == std::string::npos ? text.npos : next_section - section);
        const std::string key = std::string(field.key) + " = ";
        const bool shown = body.find("\n" + key) != std::string::npos || body.find("\n# " + key) != std::string::npos;
        CHECK(shown);
    }
}

TEST_CASE("docs/configuration.md documents every key and its environment variable") {
    const std::string text = read_text(docs_path);
    for (const Field& field : all_fields()) {
        CAPTURE(field.name());
        CHECK(text.find("`" + field.name() + "`") != std::string::npos);
        CHECK(text.find("`" + std::string(field.variable) + "`") != std::string::npos);
    }
}

}  // namespace
}  // namespace gw::config
