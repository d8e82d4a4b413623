// Just enough JSON for the results file: a writer with indentation, and a reader (used by the
// smoke tests and --markdown to read results back).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::load {

class JsonWriter {
public:
    JsonWriter& begin_object(std::string_view key = {});
    JsonWriter& end_object();
    JsonWriter& begin_array(std::string_view key = {});
    JsonWriter& end_array();
    JsonWriter& value(std::string_view key, double number);
    JsonWriter& value(std::string_view key, std::uint64_t number);
    JsonWriter& value(std::string_view key, std::string_view text);
    JsonWriter& value(std::string_view text);  // an array element
    const std::string& text() const { return out_; }

private:
    void key(std::string_view key);
    void separator();
    std::string out_;
    std::vector<bool> first_{true};  // per open container: nothing written yet
};

struct JsonValue {
    enum class Kind { null, boolean, number, string, array, object } kind = Kind::null;
    bool boolean = false;
    double number = 0;
    std::string string;
    std::vector<JsonValue> array;
    std::map<std::string, JsonValue, std::less<>> object;

    const JsonValue* get(std::string_view key) const;  // nullptr when absent or not an object
};

// nullopt (with the reason in `error`) when the text is not one well-formed JSON value.
std::optional<JsonValue> parse_json(std::string_view text, std::string* error = nullptr);

}  // namespace gw::load
