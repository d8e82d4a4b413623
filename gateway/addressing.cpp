#include "gateway/addressing.hpp"

#include "gateway/ascii_text.hpp"

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <cstddef>
#include <utility>

namespace gw {
namespace {

constexpr std::size_t max_localpart_bytes = 1023;  // RFC 7622 section 3.3
constexpr std::size_t max_host_bytes = 253;        // a DNS name in text form
constexpr std::size_t max_label_bytes = 63;
constexpr std::string_view hex_digits = "0123456789ABCDEF";

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

bool has_control(std::string_view text) {
    for (unsigned char c : text)
        if (is_control(c)) return true;
    return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

int hex_value(char c) {
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

using ascii::lower;
using ascii::starts_with_ci;
using ascii::trimmed_spaces;
using ascii::lowered;

// RFC 3261 section 25.1: unreserved and user-unreserved characters stand for themselves.
bool is_sip_user_char(char c) {
    if (is_alnum(c)) return true;
    constexpr std::string_view others = "-_.!~*'()&=+$,;?/";
    return others.find(c) != std::string_view::npos;
}

// The value of a %XX escape at text[i] ('%' included), or -1.
int escape_at(std::string_view text, std::size_t i) {
    if (i + 2 >= text.size()) return -1;
    const int high = hex_value(text[i + 1]);
    const int low = hex_value(text[i + 2]);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
}

std::string describe_byte(unsigned char c) {
    if (c > 0x20 && c < 0x7f) return std::string("'") + static_cast<char>(c) + "'";
    if (c == ' ') return "a space";
    return std::string("the byte 0x") + hex_digits[c >> 4] + hex_digits[c & 0xf];
}

// XEP-0106 section 3.2: the escapes and the characters they stand for.
constexpr std::array<std::pair<char, std::string_view>, 10> xep0106_table{{
    {' ', "20"},
    {'"', "22"},
    {'&', "26"},
    {'\'', "27"},
    {'/', "2f"},
    {':', "3a"},
    {'<', "3c"},
    {'>', "3e"},
    {'@', "40"},
    {'\\', "5c"},
}};

// The character escaped as "\" + text[i, i+2), if that is one of the ten escapes.
std::optional<char> xep0106_escaped_char(std::string_view text, std::size_t i) {
    if (i + 2 > text.size()) return std::nullopt;
    const char a = lower(text[i]), b = lower(text[i + 1]);
    for (const auto& [plain, code] : xep0106_table)
        if (code[0] == a && code[1] == b) return plain;
    return std::nullopt;
}

// "+15551234567", "555 123-4567", "(555) 123.4567" -> "+15551234567", "5551234567", ...
std::optional<std::string> normalized_number(std::string_view text) {
    std::string number;
    std::size_t i = 0;
    if (!text.empty() && text.front() == '+') {
        number = "+";
        i = 1;
    }
    bool any_digit = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (is_digit(c)) {
            number += c;
            any_digit = true;
        } else if (std::string_view("-.() ").find(c) == std::string_view::npos) {
            return std::nullopt;
        }
    }
    if (!any_digit) return std::nullopt;
    return number;
}

bool is_plain_number(std::string_view user) {
    if (!user.empty() && user.front() == '+') user.remove_prefix(1);
    if (user.empty()) return false;
    for (char c : user)
        if (!is_digit(c)) return false;
    return true;
}

// Characters a SIP user part cannot hold unescaped become %XX escapes; a '%' must already
// start one (it cannot tell a literal '%' from an escape).
std::optional<std::string> sip_user_from_text(std::string_view text, std::string& error) {
    std::string user;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '%') {
            if (escape_at(text, i) < 0) {
                error = "the SIP user " + quoted_for_message(text) +
                        " has a '%' that does not start a %XX escape (write %25 for a literal %)";
                return std::nullopt;
            }
            user.append(text.substr(i, 3));
            i += 2;
        } else if (is_sip_user_char(static_cast<char>(c))) {
            user += static_cast<char>(c);
        } else {
            user += '%';
            user += hex_digits[c >> 4];
            user += hex_digits[c & 0xf];
        }
    }
    error = sip_user_problem(user);
    if (!error.empty()) return std::nullopt;
    return user;
}

std::string host_name_problem(std::string_view host) {
    const std::string invalid = "the host " + quoted_for_message(host) +
                                " is not a valid host name (letters, digits, hyphens and dots)"
                                " or IP address";
    if (host.size() > max_host_bytes)
        return "the host name is longer than " + std::to_string(max_host_bytes) + " bytes";
    const auto last_dot = host.rfind('.');
    const std::string_view top =
        last_dot == std::string_view::npos ? host : host.substr(last_dot + 1);
    if (!top.empty() && is_digit(top.front())) {
        // RFC 3261: a top label starts with a letter, so this can only be an IPv4 address.
        std::array<unsigned char, 4> address{};
        return inet_pton(AF_INET, std::string(host).c_str(), address.data()) == 1 ? std::string()
                                                                                  : invalid;
    }
    std::size_t start = 0;
    while (start <= host.size()) {
        auto end = host.find('.', start);
        if (end == std::string_view::npos) end = host.size();
        const auto label = host.substr(start, end - start);
        if (label.empty() || label.size() > max_label_bytes || label.front() == '-' ||
            label.back() == '-')
            return invalid;
        for (char c : label)
            if (!is_alnum(c) && c != '-') return invalid;
        start = end + 1;
    }
    return {};
}

std::string port_text(std::uint16_t port) {
    return port == 0 ? std::string() : ":" + std::to_string(port);
}

LocalpartResult checked_localpart(std::string localpart) {
    if (localpart.size() > max_localpart_bytes)
        return {std::nullopt, "the contact address would be longer than " +
                                  std::to_string(max_localpart_bytes) +
                                  " bytes, the limit of a JID localpart"};
    return {std::move(localpart), {}};
}

// Does a parameter list (";user=phone;transport=udp") mark the user part as a telephone number?
bool has_user_phone(std::string_view params) {
    std::size_t start = 0;
    while (start < params.size()) {
        auto end = params.find(';', start);
        if (end == std::string_view::npos) end = params.size();
        if (lowered(params.substr(start, end - start)) == "user=phone") return true;
        start = end + 1;
    }
    return false;
}

bool same_domain(const SipHostPort& host, std::string_view own_domain) {
    if (own_domain.empty()) return false;
    const auto own = parse_sip_hostport(own_domain);
    return own.value && *own.value == host;
}

LocalpartResult localpart_from_tel_uri(std::string_view uri, std::string_view subscriber) {
    const auto number = normalized_number(subscriber);
    // Spaces are not visual separators in a tel: URI (RFC 3966 section 3).
    if (!number || subscriber.find(' ') != std::string_view::npos)
        return {std::nullopt, quoted_for_message(uri) +
                                  " is not a telephone number of digits, an optional leading +"
                                  " and the separators - . ( )"};
    return checked_localpart(*number);
}

}  // namespace

std::string SipTarget::uri() const {
    return "sip:" + user + "@" + sip_host_text(host) + port_text(port) +
           (phone ? ";user=phone" : "");
}

std::string xep0106_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && !xep0106_escaped_char(text, i + 1)) {
            out += c;  // a lone backslash is allowed in a localpart and reads as itself
            continue;
        }
        bool escaped = false;
        for (const auto& [plain, code] : xep0106_table) {
            if (plain == c) {
                out += '\\';
                out.append(code);
                escaped = true;
                break;
            }
        }
        if (!escaped) out += c;
    }
    return out;
}

std::string xep0106_unescape(std::string_view localpart) {
    std::string out;
    out.reserve(localpart.size());
    for (std::size_t i = 0; i < localpart.size(); ++i) {
        const auto plain =
            localpart[i] == '\\' ? xep0106_escaped_char(localpart, i + 1) : std::nullopt;
        if (plain) {
            out += *plain;
            i += 2;
        } else {
            out += localpart[i];
        }
    }
    return out;
}

SipHostPortResult parse_sip_hostport(std::string_view text) {
    if (has_control(text)) return {std::nullopt, "the host contains a control character"};
    SipHostPort result;
    std::string_view rest;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos)
            return {std::nullopt,
                    "the IPv6 address " + quoted_for_message(text) + " has no closing ']'"};
        result.host = lowered(text.substr(1, close - 1));
        std::array<unsigned char, 16> address{};
        if (inet_pton(AF_INET6, result.host.c_str(), address.data()) != 1)
            return {std::nullopt,
                    quoted_for_message(text.substr(0, close + 1)) + " is not a valid IPv6 address"};
        rest = text.substr(close + 1);
    } else {
        const auto colon = text.find(':');
        if (colon != std::string_view::npos && text.find(':', colon + 1) != std::string_view::npos)
            return {std::nullopt,
                    "an IPv6 address must be written in brackets, e.g. [2001:db8::1]:5060"};
        result.host = lowered(text.substr(0, colon));
        if (result.host.empty()) return {std::nullopt, "the host is empty"};
        if (auto problem = host_name_problem(result.host); !problem.empty())
            return {std::nullopt, std::move(problem)};
        rest = colon == std::string_view::npos ? std::string_view() : text.substr(colon);
    }
    if (rest.empty()) return {std::move(result), {}};
    if (rest.front() != ':')
        return {std::nullopt, "unexpected " + quoted_for_message(rest) + " after the host"};
    const auto digits = rest.substr(1);
    unsigned port = 0;
    const auto [end, failure] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (digits.empty() || digits.size() > 5 || failure != std::errc() ||
        end != digits.data() + digits.size() || port == 0 || port > 65535)
        return {std::nullopt,
                "the port " + quoted_for_message(digits) + " is not a number from 1 to 65535"};
    result.port = static_cast<std::uint16_t>(port);
    return {std::move(result), {}};
}

std::string sip_host_text(std::string_view host) {
    return host.find(':') == std::string_view::npos ? std::string(host)
                                                    : "[" + std::string(host) + "]";
}

std::string sip_user_problem(std::string_view user) {
    if (user.empty()) return "the SIP user is empty";
    for (std::size_t i = 0; i < user.size(); ++i) {
        const auto c = static_cast<unsigned char>(user[i]);
        if (c == '%') {
            const int value = escape_at(user, i);
            if (value < 0)
                return "the SIP user " + quoted_for_message(user) +
                       " has a '%' that does not start a %XX escape (write %25 for a literal %)";
            if (is_control(static_cast<unsigned char>(value)))
                return "the SIP user " + quoted_for_message(user) +
                       " contains an escaped control character";
            i += 2;
        } else if (!is_sip_user_char(static_cast<char>(c))) {
            return "the SIP user " + quoted_for_message(user) + " contains " + describe_byte(c) +
                   ", which a SIP user part cannot hold unescaped";
        }
    }
    return {};
}

std::string quoted_for_message(std::string_view text) {
    constexpr std::size_t shown = 60;
    std::string_view head = text.substr(0, shown);
    // Do not cut a UTF-8 sequence in half.
    if (head.size() < text.size())
        while (!head.empty() && (static_cast<unsigned char>(text[head.size()]) & 0xC0) == 0x80)
            head.remove_suffix(1);
    std::string out = "\"";
    for (unsigned char c : head) {
        if (is_control(c)) {
            out += "\\x";
            out += hex_digits[c >> 4];
            out += hex_digits[c & 0xf];
        } else {
            if (c == '"' || c == '\\') out += '\\';
            out += static_cast<char>(c);
        }
    }
    if (head.size() < text.size()) out += "...";
    out += '"';
    return out;
}

AddressResult sip_target_from_localpart(std::string_view localpart,
                                        std::string_view default_domain) {
    if (localpart.empty()) return {std::nullopt, "the contact address is empty"};
    if (localpart.size() > max_localpart_bytes)
        return {std::nullopt, "the contact address is longer than " +
                                  std::to_string(max_localpart_bytes) + " bytes"};
    if (has_control(localpart))
        return {std::nullopt, "the contact address contains a control character"};
    const std::string text = xep0106_unescape(localpart);
    // A host holds neither '@' nor '%', so only the last of them can end the user part.
    const auto separator = text.find_last_of("@%");
    if (separator == std::string::npos) {
        const auto number = normalized_number(text);
        if (!number)
            return {std::nullopt,
                    quoted_for_message(text) +
                        " is neither a phone number nor a SIP address (write user%domain,"
                        " e.g. bob%example.com)"};
        if (default_domain.empty())
            return {std::nullopt, quoted_for_message(text) +
                                      " is a phone number, but no SIP domain is known to dial it in"
                                      " (register a SIP account first)"};
        auto domain = parse_sip_hostport(default_domain);
        if (!domain.value)
            return {std::nullopt,
                    "the SIP domain to dial numbers in is not valid: " + domain.error};
        return {SipTarget{*number, domain.value->host, domain.value->port, true}, {}};
    }
    const auto user_text = std::string_view(text).substr(0, separator);
    const auto host_text = std::string_view(text).substr(separator + 1);
    if (user_text.empty())
        return {std::nullopt, quoted_for_message(text) + " has no SIP user before the domain"};
    if (host_text.empty()) return {std::nullopt, quoted_for_message(text) + " has no SIP domain"};
    auto host = parse_sip_hostport(host_text);
    if (!host.value) return {std::nullopt, quoted_for_message(text) + ": " + host.error};
    std::string error;
    auto user = sip_user_from_text(user_text, error);
    if (!user) return {std::nullopt, std::move(error)};
    return {SipTarget{std::move(*user), host.value->host, host.value->port, false}, {}};
}

LocalpartResult localpart_from_sip_uri(std::string_view uri, std::string_view own_domain) {
    if (has_control(uri) || uri.find(' ') != std::string_view::npos)
        return {std::nullopt, "the SIP address contains a space or a control character"};
    if (starts_with_ci(uri, "tel:")) {
        const auto body = uri.substr(4);
        return localpart_from_tel_uri(uri, body.substr(0, body.find(';')));
    }
    std::string_view rest;
    if (starts_with_ci(uri, "sip:"))
        rest = uri.substr(4);
    else if (starts_with_ci(uri, "sips:"))
        rest = uri.substr(5);
    else
        return {std::nullopt, quoted_for_message(uri) + " is not a sip:, sips: or tel: address"};
    // Neither parameters nor headers may hold a raw '@', so the first one ends the user info.
    const auto at = rest.find('@');
    if (at == std::string_view::npos)
        return {std::nullopt, quoted_for_message(uri) + " names no user (write sip:user@domain)"};
    const auto user_info = rest.substr(0, at);
    const auto user = user_info.substr(0, user_info.find(':'));  // drops a password
    if (auto problem = sip_user_problem(user); !problem.empty())
        return {std::nullopt, std::move(problem)};
    const auto after_user = rest.substr(at + 1);
    const auto host_end = after_user.find_first_of(";?");
    const auto host_part = after_user.substr(0, host_end);
    const auto params = host_end == std::string_view::npos
                            ? std::string_view()
                            : after_user.substr(host_end, after_user.find('?') - host_end);
    auto host = parse_sip_hostport(host_part);
    if (!host.value) return {std::nullopt, quoted_for_message(uri) + ": " + host.error};
    if (same_domain(*host.value, own_domain)) {
        if (is_plain_number(user)) return checked_localpart(std::string(user));
        if (has_user_phone(params))
            if (auto number = normalized_number(user)) return checked_localpart(std::move(*number));
    }
    return checked_localpart(xep0106_escape(
        std::string(user) + "%" + sip_host_text(host.value->host) + port_text(host.value->port)));
}

LocalpartResult localpart_from_user_input(std::string_view input, std::string_view own_domain) {
    const auto text = trimmed_spaces(input);
    if (text.empty()) return {std::nullopt, "enter a SIP address (user@domain) or a phone number"};
    if (has_control(text)) return {std::nullopt, "the address contains a control character"};
    if (starts_with_ci(text, "sip:") || starts_with_ci(text, "sips:") ||
        starts_with_ci(text, "tel:"))
        return localpart_from_sip_uri(text, own_domain);
    if (auto number = normalized_number(text)) return checked_localpart(std::move(*number));
    if (text.find('@') != std::string_view::npos)
        return localpart_from_sip_uri("sip:" + std::string(text), own_domain);
    return {std::nullopt, quoted_for_message(text) +
                              " is neither a SIP address (user@domain) nor a phone number"};
}

}  // namespace gw
