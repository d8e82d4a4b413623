// A setting's value before it is checked, from either source: a TOML node or an environment
// variable (always text; fields that want a number parse it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gw::config {

struct RawValue {
    enum class Kind { string, integer, floating, boolean, array, table, date_time };
    Kind kind = Kind::string;
    bool from_environment = false;
    std::string text;  // Kind::string
    std::int64_t integer = 0;
    double floating = 0.0;
    bool boolean = false;
    std::vector<RawValue> items;  // Kind::array
};

// How a value reads in a message: "\"abc\"", "42", "1.5", "true", "an array", "a table", "a date/time".
std::string describe_value(const RawValue& value);

// Only the kind, for values that may be secret: "a string", "an integer", "a float" ...
std::string describe_kind(const RawValue& value);

}  // namespace gw::config
