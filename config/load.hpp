// Loading the settings: TOML file + GATEWAY_* environment variables -> one validated Settings value.
// Pure apart from reading the configuration file and xmpp.secret_file; the caller logs the errors.
#pragma once

#include "config/settings.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::config {

// One problem found in the configuration. `file` is the file name, or "environment" for a
// GATEWAY_* variable (then `key` is the variable's name and line/column are 0).
struct ConfigError {
    std::string file;
    int line = 0;    // 1-based; 0 when the problem has no single place (e.g. a missing section)
    int column = 0;
    std::string key;  // "xmpp.port", or "GATEWAY_XMPP_PORT"; empty for syntax errors
    std::string message;

    // "gw.toml:7:1: xmpp.port: expected an integer from 1 to 65535, got \"abc\""
    std::string to_string() const;
};

using Environment = std::map<std::string, std::string>;

struct LoadResult {
    std::optional<Settings> settings;  // set if and only if `errors` is empty
    std::vector<ConfigError> errors;   // all problems, in file order, then the environment's
};

LoadResult parse_settings(std::string_view toml_text, std::string_view file_name, const Environment& env);

// An unreadable file gives exactly one error naming it.
LoadResult load_settings_file(const std::string& path, const Environment& env);

// The GATEWAY_* variables of a process environment (envp as given to main, or `environ`).
Environment environment_from(char** envp);

// One line for the start-up log; secrets and connection strings appear only as "(set)"/"(empty)".
std::string describe_settings(const Settings& settings);

}  // namespace gw::config
