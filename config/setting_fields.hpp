// The table of every setting: where it lives in the file, its environment variable, and how a raw
// value is checked and stored. The file reader and the environment reader share it.
#pragma once

#include "config/raw_value.hpp"
#include "config/settings.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gw::config {

// Settings being assembled, plus what is only needed while loading.
struct Draft {
    Settings settings;
    std::string secret_file;  // path of the file that holds xmpp.secret; read once all values are in
};

// Stores a value into the draft, or returns why it cannot.
using ApplyField = std::optional<std::string> (*)(const RawValue& value, Draft& draft);

struct Field {
    std::string_view section;   // "xmpp"
    std::string_view key;       // "port"
    std::string_view variable;  // "GATEWAY_XMPP_PORT"
    ApplyField apply;

    std::string name() const;  // "xmpp.port"
};

std::span<const Field> all_fields();
std::span<const std::string_view> section_names();
const Field* find_field(std::string_view section, std::string_view key);
const Field* find_field_by_variable(std::string_view variable);

// "component, secret, ..." for messages about unknown keys.
std::string known_keys(std::string_view section);

// "GATEWAY_XMPP_COMPONENT, ..." for messages about unknown variables.
std::string known_variables(std::string_view section);

}  // namespace gw::config
