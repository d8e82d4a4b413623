#include "config/value_checks.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

namespace gw::config {
namespace {

constexpr std::size_t max_domain_length = 253;
constexpr std::size_t max_label_length = 63;

bool is_letter_or_digit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Why `text` is not a domain name, or nothing when it is one.
std::optional<std::string> domain_problem(std::string_view text) {
    if (text.empty()) return "empty";
    if (text.size() > max_domain_length) return "longer than 253 characters";
    std::string_view last_label;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = text.find('.', start);
        const std::string_view label = text.substr(start, dot == std::string_view::npos ? text.npos : dot - start);
        if (label.empty()) return "empty label";
        if (label.size() > max_label_length) return "a label is longer than 63 characters";
        for (const char c : label) {
            if (!is_letter_or_digit(c) && c != '-') {
                if (static_cast<unsigned char>(c) >= 0x80) return "non-ASCII character; use the xn-- (punycode) form";
                return std::string("invalid character ") + quoted(std::string_view(&c, 1));
            }
        }
        if (label.front() == '-' || label.back() == '-') return "a label starts or ends with '-'";
        last_label = label;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    // "10.0.0.300" is neither an address nor a name: no top-level domain is all digits.
    if (all_digits(last_label)) return "the last label is all digits";
    return std::nullopt;
}

std::optional<std::string> host_problem(std::string_view host) {
    if (is_ipv4_literal(host) || is_ipv6_literal(host)) return std::nullopt;
    if (host.find(':') != std::string_view::npos) return "not an IPv6 address";
    return domain_problem(host);
}

std::optional<std::string> port_problem(std::string_view port) {
    unsigned value = 0;
    const auto* end = port.data() + port.size();
    const auto [ptr, ec] = std::from_chars(port.data(), end, value);
    if (port.empty() || !all_digits(port) || ec != std::errc{} || ptr != end || value < 1 || value > 65535)
        return "the port must be a number from 1 to 65535";
    return std::nullopt;
}

std::string got(std::string_view expected, std::string_view text, const std::string& why) {
    return std::string("expected ") + std::string(expected) + ", got " + quoted(text) + " (" + why + ")";
}

}  // namespace

bool is_ipv4_literal(std::string_view text) {
    if (text.size() >= INET_ADDRSTRLEN || text.find('\0') != std::string_view::npos) return false;
    std::array<char, INET_ADDRSTRLEN> buffer{};
    std::copy(text.begin(), text.end(), buffer.begin());
    in_addr address{};
    return inet_pton(AF_INET, buffer.data(), &address) == 1;
}

bool is_ipv6_literal(std::string_view text) {
    if (text.size() >= INET6_ADDRSTRLEN || text.find('\0') != std::string_view::npos) return false;
    std::array<char, INET6_ADDRSTRLEN> buffer{};
    std::copy(text.begin(), text.end(), buffer.begin());
    in6_addr address{};
    return inet_pton(AF_INET6, buffer.data(), &address) == 1;
}

std::optional<std::string> check_domain(std::string_view text) {
    if (auto why = domain_problem(text)) return got("a domain name", text, *why);
    return std::nullopt;
}

std::optional<std::string> check_host(std::string_view text) {
    if (!text.empty() && text.front() == '[') return got("an IP address or host name", text, "no brackets here");
    if (auto why = host_problem(text)) return got("an IP address or host name", text, *why);
    return std::nullopt;
}

std::optional<std::string> check_host_port(std::string_view text, PortPart port) {
    const std::string_view expected =
        port == PortPart::required ? "host:port (IPv6 as [::1]:5060)" : "host or host:port (IPv6 as [::1]:5060)";
    std::string_view host;
    std::string_view port_text;
    bool has_port = false;
    if (!text.empty() && text.front() == '[') {
        const std::size_t close = text.find(']');
        if (close == std::string_view::npos) return got(expected, text, "missing ']'");
        host = text.substr(1, close - 1);
        if (!is_ipv6_literal(host)) return got(expected, text, "not an IPv6 address in brackets");
        const std::string_view rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return got(expected, text, "text after ']' that is not :port");
            port_text = rest.substr(1);
            has_port = true;
        }
    } else {
        const std::size_t colon = text.find(':');
        if (colon != std::string_view::npos && text.find(':', colon + 1) != std::string_view::npos)
            return got(expected, text, "an IPv6 address needs brackets");
        if (colon == std::string_view::npos) {
            host = text;
        } else {
            host = text.substr(0, colon);
            port_text = text.substr(colon + 1);
            has_port = true;
        }
        if (auto why = host_problem(host)) return got(expected, text, "host: " + *why);
    }
    if (has_port) {
        if (auto why = port_problem(port_text)) return got(expected, text, *why);
    } else if (port == PortPart::required) {
        return got(expected, text, "missing :port");
    }
    return std::nullopt;
}

std::optional<std::string> check_printable(std::string_view text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) return got("printable text", text, "contains a control character");
    }
    return std::nullopt;
}

std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (byte < 0x20 || byte == 0x7f) {
            std::array<char, 8> hex{};
            std::snprintf(hex.data(), hex.size(), "\\x%02x", byte);
            out += hex.data();
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

}  // namespace gw::config
