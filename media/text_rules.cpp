#include "media/text_rules.hpp"

#include <array>
#include <charconv>
#include <cstring>
#include <string>

#include "media/error.hpp"

namespace gw::media {

namespace {

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

bool is_ipv4(std::string_view text) {
    int parts = 0;
    std::size_t i = 0;
    while (true) {
        unsigned value = 0;
        std::size_t digits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 4) {
            value = value * 10 + static_cast<unsigned>(text[i] - '0');
            ++i;
            ++digits;
        }
        if (digits == 0 || digits > 3 || value > 255) return false;
        ++parts;
        if (i == text.size()) return parts == 4;
        if (text[i] != '.' || parts == 4) return false;
        ++i;
    }
}

namespace {

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_host_name(std::string_view text) {
    if (text.empty() || text.size() > 253) return false;
    std::size_t start = 0;
    while (true) {
        std::size_t end = text.find('.', start);
        std::string_view label = text.substr(start, end == std::string_view::npos ? end : end - start);
        if (label.empty() || label.size() > 63) return false;
        if (label.front() == '-' || label.back() == '-') return false;
        for (char c : label)
            if (!is_alnum(c) && c != '-') return false;
        if (end == std::string_view::npos) return true;
        start = end + 1;
    }
}

}  // namespace

bool is_token(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        if (is_alnum(c)) continue;
        switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
        case '-': case '.': case '^': case '_': case '`': case '{': case '|': case '}': case '~':
            continue;
        default:
            return false;
        }
    }
    return true;
}

bool is_ice_chars(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text)
        if (!is_alnum(c) && c != '+' && c != '/') return false;
    return true;
}

bool is_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

bool is_ipv6(std::string_view text) {
    // Optional zone ("%eth0") is not allowed in SDP; an embedded IPv4 tail is.
    if (text.size() < 2 || text.size() > 45) return false;
    std::size_t groups = 0;
    bool compressed = false;
    std::size_t i = 0;
    if (text.substr(0, 2) == "::") {
        compressed = true;
        i = 2;
        if (i == text.size()) return true;
    } else if (text[0] == ':') {
        return false;
    }
    while (i < text.size()) {
        std::size_t end = text.find(':', i);
        std::string_view group = text.substr(i, end == std::string_view::npos ? end : end - i);
        if (group.find('.') != std::string_view::npos) {
            if (end != std::string_view::npos || !is_ipv4(group)) return false;
            groups += 2;
            break;
        }
        if (group.empty() || group.size() > 4) return false;
        for (char c : group)
            if (!is_hex(c)) return false;
        ++groups;
        if (end == std::string_view::npos) break;
        if (end + 1 < text.size() && text[end + 1] == ':') {
            if (compressed) return false;
            compressed = true;
            i = end + 2;
            if (i == text.size()) break;
        } else {
            i = end + 1;
            if (i == text.size()) return false;
        }
    }
    return compressed ? groups < 8 : groups == 8;
}

bool is_ip_address(std::string_view text) { return is_ipv4(text) || is_ipv6(text); }

bool is_address(std::string_view text) {
    if (text.find(':') != std::string_view::npos) return is_ipv6(text);
    if (is_ipv4(text)) return true;
    // A dotted-digit string that is not a valid IPv4 address is a typo, not a host name.
    bool all_digits_and_dots = true;
    for (char c : text)
        if (!(c == '.' || (c >= '0' && c <= '9'))) all_digits_and_dots = false;
    return !all_digits_and_dots && is_host_name(text);
}

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;  // ASCII fast path
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t code = 0;
        if ((c & 0xE0) == 0xC0) { length = 2; code = c & 0x1Fu; }
        else if ((c & 0xF0) == 0xE0) { length = 3; code = c & 0x0Fu; }
        else if ((c & 0xF8) == 0xF0) { length = 4; code = c & 0x07u; }
        else return false;
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code = (code << 6) | (next & 0x3Fu);
        }
        static constexpr std::array<std::uint32_t, 5> smallest{0, 0, 0x80, 0x800, 0x10000};
        if (code < smallest[length] || code > 0x10FFFF) return false;      // overlong or too big
        if (code >= 0xD800 && code <= 0xDFFF) return false;                // surrogates
        if (code == 0xFFFE || code == 0xFFFF) return false;                // not XML characters
        i += length;
    }
    return true;
}

bool is_printable(std::string_view text) {
    // Printable ASCII is checked eight bytes at a time, then byte by byte; anything else takes
    // the slow way.
    constexpr std::uint64_t kHigh = 0x8080808080808080ull, kSpaces = 0x2020202020202020ull,
                            kOnes = 0x0101010101010101ull;
    std::size_t i = 0;
    while (i + 8 <= text.size()) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        // No byte below 0x20 or above 0x7F, and none equal to 0x7F (DEL).
        if ((((word - kSpaces) | word | ((word ^ (kOnes * 0x7F)) - kOnes)) & kHigh) != 0) break;
        i += 8;
    }
    while (i < text.size() && static_cast<unsigned char>(text[i] - 0x20) < 0x5F) ++i;
    if (i == text.size()) return true;
    for (char c : text.substr(i)) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) return false;
    }
    return is_valid_utf8(text);
}

void check_printable(std::string_view what, std::string_view value) {
    for (char c : value) {
        if (c == '\r' || c == '\n') fail(std::string(what) + " contains a line break");
        if (c == '\0') fail(std::string(what) + " contains a NUL byte");
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) fail(std::string(what) + " contains a control character");
    }
    if (!is_valid_utf8(value)) fail(std::string(what) + " is not valid UTF-8");
}

void check_word(std::string_view what, std::string_view value) {
    if (value.empty()) fail(std::string(what) + " is empty");
    check_printable(what, value);
    if (value.find(' ') != std::string_view::npos) fail(std::string(what) + " contains a space");
}

std::optional<std::uint64_t> parse_uint(std::string_view text, std::uint64_t max) {
    if (!is_digits(text) || text.size() > 20) return std::nullopt;
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value > max) return std::nullopt;
    return value;
}

std::uint64_t require_uint(std::string_view what, std::string_view text, std::uint64_t max) {
    auto value = parse_uint(text, max);
    if (!value) {
        std::string shown(text.substr(0, 40));
        fail(std::string(what) + " '" + shown + "' is not a number in 0.." + std::to_string(max));
    }
    return *value;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                             text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                             text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        std::size_t start = i;
        while (i < text.size() && text[i] != ' ') ++i;
        if (i > start) words.push_back(text.substr(start, i - start));
    }
    return words;
}

Words::Words(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        std::size_t start = i;
        while (i < text.size() && text[i] != ' ') ++i;
        if (i == start) break;
        if (count_ == kCapacity) fail("more than " + std::to_string(kCapacity) + " fields");
        items_[count_++] = Piece{text.data() + start, i - start};
    }
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string to_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace gw::media
