#include "config/raw_value.hpp"

#include "config/value_checks.hpp"

#include <array>
#include <charconv>

namespace gw::config {

std::string describe_value(const RawValue& value) {
    switch (value.kind) {
    case RawValue::Kind::string:
        return quoted(value.text);
    case RawValue::Kind::integer:
        return std::to_string(value.integer);
    case RawValue::Kind::floating: {
        std::array<char, 64> buffer{};
        const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value.floating);
        return std::string(buffer.data(), result.ptr);
    }
    case RawValue::Kind::boolean:
        return value.boolean ? "true" : "false";
    case RawValue::Kind::array:
    case RawValue::Kind::table:
    case RawValue::Kind::date_time:
        return describe_kind(value);  // no short literal form: named by kind
    }
    return "a value";
}

std::string describe_kind(const RawValue& value) {
    switch (value.kind) {
    case RawValue::Kind::string:
        return "a string";
    case RawValue::Kind::integer:
        return "an integer";
    case RawValue::Kind::floating:
        return "a float";
    case RawValue::Kind::boolean:
        return "a boolean";
    case RawValue::Kind::array:
        return "an array";
    case RawValue::Kind::table:
        return "a table";
    case RawValue::Kind::date_time:
        return "a date/time";
    }
    return "a value";
}

}  // namespace gw::config
