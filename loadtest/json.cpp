#include "loadtest/json.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace gw::load {
namespace {

void quote(std::string& out, std::string_view text) {
    out += '"';
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

}  // namespace

void JsonWriter::separator() {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
    out_ += '\n';
    out_.append(2 * (first_.size() - 1), ' ');
}

void JsonWriter::key(std::string_view name) {
    separator();
    if (!name.empty()) {
        quote(out_, name);
        out_ += ": ";
    }
}

JsonWriter& JsonWriter::begin_object(std::string_view name) {
    if (!out_.empty()) key(name);
    out_ += '{';
    first_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty) {
        out_ += '\n';
        out_.append(2 * (first_.size() - 1), ' ');
    }
    out_ += '}';
    if (first_.size() == 1) out_ += '\n';
    return *this;
}

JsonWriter& JsonWriter::begin_array(std::string_view name) {
    key(name);
    out_ += '[';
    first_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty) {
        out_ += '\n';
        out_.append(2 * (first_.size() - 1), ' ');
    }
    out_ += ']';
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view name, double number) {
    key(name);
    if (!std::isfinite(number)) {
        out_ += "null";
        return *this;
    }
    char text[40];
    std::snprintf(text, sizeof text, "%.6g", number);
    out_ += text;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view name, std::uint64_t number) {
    key(name);
    out_ += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view name, std::string_view text) {
    key(name);
    quote(out_, text);
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    separator();
    quote(out_, text);
    return *this;
}

const JsonValue* JsonValue::get(std::string_view key) const {
    if (kind != Kind::object) return nullptr;
    auto found = object.find(key);
    return found == object.end() ? nullptr : &found->second;
}

namespace {

class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    bool document(JsonValue& out) {
        if (!value(out, 0)) return false;
        skip_space();
        if (pos_ != text_.size()) return fail("text after the value");
        return true;
    }
    std::string error;

private:
    bool fail(const std::string& why) {
        if (error.empty()) error = why + " at offset " + std::to_string(pos_);
        return false;
    }
    void skip_space() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t'))
            ++pos_;
    }
    bool literal(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) return fail("unexpected text");
        pos_ += word.size();
        return true;
    }
    bool string(std::string& out) {
        if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a string");
        ++pos_;
        while (pos_ < text_.size() && text_[pos_] != '"') {
            char c = text_[pos_++];
            if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ >= text_.size()) return fail("unfinished escape");
            c = text_[pos_++];
            switch (c) {
            case '"': case '\\': case '/': out += c; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'u': {
                if (pos_ + 4 > text_.size()) return fail("short \\u escape");
                const unsigned code = static_cast<unsigned>(std::strtoul(std::string(text_.substr(pos_, 4)).c_str(), nullptr, 16));
                pos_ += 4;
                if (code < 0x80) out += static_cast<char>(code);
                else if (code < 0x800) out += static_cast<char>(0xc0 | (code >> 6)), out += static_cast<char>(0x80 | (code & 0x3f));
                else out += static_cast<char>(0xe0 | (code >> 12)), out += static_cast<char>(0x80 | ((code >> 6) & 0x3f)),
                     out += static_cast<char>(0x80 | (code & 0x3f));
                break;
            }
            default: return fail("bad escape");
            }
        }
        if (pos_ >= text_.size()) return fail("unfinished string");
        ++pos_;
        return true;
    }
    bool number(double& out) {
        const std::size_t start = pos_;
        if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
        while (pos_ < text_.size() && std::string_view("0123456789.eE+-").find(text_[pos_]) != std::string_view::npos) ++pos_;
        const std::string digits(text_.substr(start, pos_ - start));
        char* end = nullptr;
        out = std::strtod(digits.c_str(), &end);
        if (digits.empty() || end != digits.c_str() + digits.size()) return fail("bad number");
        return true;
    }
    bool value(JsonValue& out, int depth) {
        if (depth > 64) return fail("nested too deeply");
        skip_space();
        if (pos_ >= text_.size()) return fail("expected a value");
        const char c = text_[pos_];
        if (c == '{') {
            out.kind = JsonValue::Kind::object;
            ++pos_;
            skip_space();
            if (pos_ < text_.size() && text_[pos_] == '}') return ++pos_, true;
            for (;;) {
                skip_space();
                std::string name;
                if (!string(name)) return false;
                skip_space();
                if (pos_ >= text_.size() || text_[pos_] != ':') return fail("expected ':'");
                ++pos_;
                JsonValue member;
                if (!value(member, depth + 1)) return false;
                out.object[name] = std::move(member);
                skip_space();
                if (pos_ < text_.size() && text_[pos_] == ',') {
                    ++pos_;
                    continue;
                }
                if (pos_ < text_.size() && text_[pos_] == '}') return ++pos_, true;
                return fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            out.kind = JsonValue::Kind::array;
            ++pos_;
            skip_space();
            if (pos_ < text_.size() && text_[pos_] == ']') return ++pos_, true;
            for (;;) {
                JsonValue element;
                if (!value(element, depth + 1)) return false;
                out.array.push_back(std::move(element));
                skip_space();
                if (pos_ < text_.size() && text_[pos_] == ',') {
                    ++pos_;
                    continue;
                }
                if (pos_ < text_.size() && text_[pos_] == ']') return ++pos_, true;
                return fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            out.kind = JsonValue::Kind::string;
            return string(out.string);
        }
        if (c == 't') return out.kind = JsonValue::Kind::boolean, out.boolean = true, literal("true");
        if (c == 'f') return out.kind = JsonValue::Kind::boolean, literal("false");
        if (c == 'n') return literal("null");
        out.kind = JsonValue::Kind::number;
        return number(out.number);
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

std::optional<JsonValue> parse_json(std::string_view text, std::string* error) {
    Reader reader(text);
    JsonValue value;
    if (!reader.document(value)) {
        if (error != nullptr) *error = reader.error;
        return std::nullopt;
    }
    return value;
}

}  // namespace gw::load
