// Shared helpers of the config tests: a minimal valid file and errors as one comparable text.
#pragma once

#include "config/load.hpp"

#include <string>
#include <string_view>

namespace gw::config::test {

// The smallest file that loads: the two required settings.
inline const std::string minimal_toml =
    "[xmpp]\n"
    "component = \"sip.example.org\"\n"
    "secret = \"s3cret\"\n";

// All errors as text, one per line, so a failing check prints what was actually reported.
inline std::string error_text(const LoadResult& result) {
    std::string out;
    for (const ConfigError& error : result.errors) {
        if (!out.empty()) out += '\n';
        out += error.to_string();
    }
    return out;
}

inline std::string errors_of(std::string_view toml, const Environment& env = {}) {
    return error_text(parse_settings(toml, "gw.toml", env));
}

}  // namespace gw::config::test
