#include "config/setting_fields.hpp"

#include "config/value_checks.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace gw::config {
namespace {

using Result = std::optional<std::string>;
using Check = std::optional<std::string> (*)(std::string_view);

// Longer delays than a day are surely a typo, and would overflow timer arithmetic further on.
constexpr double max_delay_s = 86400.0;

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

Result read_string(const RawValue& value, std::string& out) {
    if (value.kind != RawValue::Kind::string) return "expected a string, got " + describe_value(value);
    if (value.text.find('\0') != std::string::npos) return "expected text without NUL characters";
    out = value.text;
    return std::nullopt;
}

// For the secret and the connection string: a wrong value is described by its kind only, so a
// secret written as a number does not end up in the log.
Result secret_value(const RawValue& value, std::string& target) {
    if (value.kind != RawValue::Kind::string) return "expected a string, got " + describe_kind(value) + " (not shown)";
    if (value.text.find('\0') != std::string::npos) return "expected text without NUL characters";
    target = value.text;
    return std::nullopt;
}

Result text_value(const RawValue& value, std::string& target, Check check) {
    std::string text;
    if (auto error = read_string(value, text)) return error;
    if (check != nullptr) {
        if (auto error = check(text)) return error;
    }
    target = std::move(text);
    return std::nullopt;
}

Result not_empty(std::string_view text) {
    if (text.empty()) return std::string("must not be empty");
    return std::nullopt;
}

Result printable_not_empty(std::string_view text) {
    if (text.empty()) return std::string("must not be empty");
    return check_printable(text);
}

Result listen_address(std::string_view text) { return check_host_port(text, PortPart::required); }

Result listen_address_or_empty(std::string_view text) {
    if (text.empty()) return std::nullopt;
    return check_host_port(text, PortPart::required);
}

Result host_maybe_port_or_empty(std::string_view text) {
    if (text.empty()) return std::nullopt;
    return check_host_port(text, PortPart::optional);
}

Result domain_or_empty(std::string_view text) {
    if (text.empty()) return std::nullopt;
    return check_domain(text);
}

Result domain_value(const RawValue& value, std::string& target, bool may_be_empty) {
    std::string text;
    if (auto error = read_string(value, text)) return error;
    if (auto error = may_be_empty ? domain_or_empty(text) : check_domain(text)) return error;
    target = lower_ascii(text);  // domains compare case-insensitively; keep one spelling
    return std::nullopt;
}

bool parse_integer(std::string_view text, std::int64_t& out) {
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return !text.empty() && ec == std::errc{} && ptr == end;
}

bool parse_number(std::string_view text, double& out) {
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return !text.empty() && ec == std::errc{} && ptr == end;
}

Result port_value(const RawValue& value, std::uint16_t& target) {
    std::int64_t number = 0;
    bool is_integer = false;
    if (value.kind == RawValue::Kind::integer) {
        number = value.integer;
        is_integer = true;
    } else if (value.from_environment) {
        is_integer = parse_integer(value.text, number);
    }
    if (!is_integer || number < 1 || number > 65535)
        return "expected an integer from 1 to 65535, got " + describe_value(value);
    target = static_cast<std::uint16_t>(number);
    return std::nullopt;
}

// A number greater than 0 and at most `max`; `what` names the unit in the message.
Result positive_number(const RawValue& value, double& target, double max, const char* what) {
    double number = 0.0;
    bool is_number = true;
    if (value.kind == RawValue::Kind::integer) {
        number = static_cast<double>(value.integer);
    } else if (value.kind == RawValue::Kind::floating) {
        number = value.floating;
    } else if (value.from_environment) {
        is_number = parse_number(value.text, number);
    } else {
        is_number = false;
    }
    if (!is_number || !std::isfinite(number) || number <= 0.0 || number > max)
        return std::string("expected a number of ") + what + " greater than 0 and at most " +
               std::to_string(static_cast<long>(max)) + ", got " + describe_value(value);
    target = number;
    return std::nullopt;
}

Result seconds_value(const RawValue& value, double& target) {
    return positive_number(value, target, max_delay_s, "seconds");
}

// Like positive_number(), but 0 is allowed (it switches the feature off).
Result zero_or_positive(const RawValue& value, double& target, double max, const char* what) {
    const bool zero = (value.kind == RawValue::Kind::integer && value.integer == 0) ||
                      (value.kind == RawValue::Kind::floating && value.floating == 0.0) ||
                      (value.from_environment && (value.text == "0" || value.text == "0.0"));
    if (zero) {
        target = 0.0;
        return std::nullopt;
    }
    if (auto error = positive_number(value, target, max, what))
        return "expected 0 or " + error->substr(std::string_view("expected ").size());
    return std::nullopt;
}

// A whole number from 1 to `max`.
Result count_value(const RawValue& value, double& target, double max, const char* what) {
    double number = 0.0;
    if (auto error = positive_number(value, number, max, what)) return error;
    if (number != std::floor(number))
        return std::string("expected a whole number of ") + what + ", got " + describe_value(value);
    target = number;
    return std::nullopt;
}

Result early_media_value(const RawValue& value, EarlyMedia& target) {
    std::string text;
    if (auto error = read_string(value, text)) return error;
    if (text == "ringing") target = EarlyMedia::ringing;
    else if (text == "accept") target = EarlyMedia::accept;
    else return "expected \"ringing\" or \"accept\", got " + quoted(text);
    return std::nullopt;
}

// An array of domain names in the file; a comma-separated list in the environment.
Result domain_list_value(const RawValue& value, std::vector<std::string>& target) {
    std::vector<std::string> domains;
    auto add = [&domains](std::string_view text, std::size_t position) -> Result {
        if (auto error = check_domain(text)) return "entry " + std::to_string(position) + ": " + *error;
        domains.push_back(lower_ascii(text));
        return std::nullopt;
    };
    if (value.kind == RawValue::Kind::array) {
        std::size_t position = 1;
        for (const RawValue& item : value.items) {
            if (item.kind != RawValue::Kind::string)
                return "entry " + std::to_string(position) + ": expected a string, got " + describe_value(item);
            if (auto error = add(item.text, position)) return error;
            ++position;
        }
    } else if (value.from_environment) {
        std::string_view rest = value.text;
        std::size_t position = 1;
        while (!rest.empty()) {
            const std::size_t comma = rest.find(',');
            std::string_view item = rest.substr(0, comma);
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
            while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
            if (item.empty()) continue;
            if (auto error = add(item, position)) return error;
            ++position;
        }
    } else {
        return "expected an array of domain names, got " + describe_value(value);
    }
    target = std::move(domains);
    return std::nullopt;
}

Result backend_value(const RawValue& value, StoreBackend& target) {
    std::string text;
    if (auto error = read_string(value, text)) return error;
    if (text == "sqlite") {
        target = StoreBackend::sqlite;
    } else if (text == "postgresql") {
        target = StoreBackend::postgresql;
    } else {
        return "expected \"sqlite\" or \"postgresql\", got " + quoted(text);
    }
    return std::nullopt;
}

Result log_level_value(const RawValue& value, LogLevel& target) {
    static constexpr std::array<std::pair<std::string_view, LogLevel>, 5> levels{{
        {"trace", LogLevel::trace},
        {"debug", LogLevel::debug},
        {"info", LogLevel::info},
        {"warn", LogLevel::warn},
        {"error", LogLevel::error},
    }};
    std::string text;
    if (auto error = read_string(value, text)) return error;
    for (const auto& [name, level] : levels) {
        if (name == text) {
            target = level;
            return std::nullopt;
        }
    }
    return "expected one of trace, debug, info, warn, error, got " + quoted(text);
}

const std::array<Field, 32> fields{{
    {"xmpp", "component", "GATEWAY_XMPP_COMPONENT",
     [](const RawValue& v, Draft& d) { return domain_value(v, d.settings.xmpp.component, false); }},
    {"xmpp", "secret", "GATEWAY_XMPP_SECRET",
     [](const RawValue& v, Draft& d) -> Result {
         std::string secret;
         if (auto error = secret_value(v, secret)) return error;
         if (secret.empty()) return "must not be empty";
         d.settings.xmpp.secret = std::move(secret);
         return std::nullopt;
     }},
    {"xmpp", "secret_file", "GATEWAY_XMPP_SECRET_FILE",
     [](const RawValue& v, Draft& d) { return text_value(v, d.secret_file, not_empty); }},
    {"xmpp", "host", "GATEWAY_XMPP_HOST",
     [](const RawValue& v, Draft& d) { return text_value(v, d.settings.xmpp.host, check_host); }},
    {"xmpp", "port", "GATEWAY_XMPP_PORT",
     [](const RawValue& v, Draft& d) { return port_value(v, d.settings.xmpp.port); }},
    {"xmpp", "allowed_domains", "GATEWAY_XMPP_ALLOWED_DOMAINS",
     [](const RawValue& v, Draft& d) { return domain_list_value(v, d.settings.xmpp.allowed_domains); }},
    {"xmpp", "reconnect_initial_s", "GATEWAY_XMPP_RECONNECT_INITIAL_S",
     [](const RawValue& v, Draft& d) { return seconds_value(v, d.settings.xmpp.reconnect_initial_s); }},
    {"xmpp", "reconnect_max_s", "GATEWAY_XMPP_RECONNECT_MAX_S",
     [](const RawValue& v, Draft& d) { return seconds_value(v, d.settings.xmpp.reconnect_max_s); }},
    {"xmpp", "link_grace_s", "GATEWAY_XMPP_LINK_GRACE_S",
     [](const RawValue& v, Draft& d) { return seconds_value(v, d.settings.xmpp.link_grace_s); }},
    {"sip", "listen", "GATEWAY_SIP_LISTEN",
     [](const RawValue& v, Draft& d) { return text_value(v, d.settings.sip.listen, listen_address); }},
    {"sip", "public_address", "GATEWAY_SIP_PUBLIC_ADDRESS",
     [](const RawValue& v, Draft& d) { return text_value(v, d.settings.sip.public_address, host_maybe_port_or_empty); }},
    {"sip", "outgoing_port", "GATEWAY_SIP_OUTGOING_PORT",
     [](const RawValue& v, Draft& d) { return port_value(v, d.settings.sip.outgoing_port); }},
    {"sip", "default_domain", "GATEWAY_SIP_DEFAULT_DOMAIN",
     [](const RawValue& v, Draft& d) { return domain_value(v, d.settings.sip.default_domain, true); }},
    {"sip", "default_proxy", "GATEWAY_SIP_DEFAULT_PROXY",
     [](const RawValue& v, Draft& d) { return text_value(v, d.settings.sip.default_proxy, host_maybe_port_or_empty); }},
    {"sip", "user_agent", "GATEWAY_SIP_USER_AGENT",
     [](const RawValue& v, Draft& d) { return text_value(v, d.settings.sip.user_agent, printable_not_empty); }},
    {"sip", "register_expires_s", "GATEWAY_SIP_REGISTER_EXPIRES_S",
     [](const RawValue& v, Draft& d) { return seconds_value(v, d.settings.sip.register_expires_s); }},
    {"sip", "register_rate", "GATEWAY_SIP_REGISTER_RATE",
     [](const RawValue& v, Draft& d) {
         return positive_number(v, d.settings.sip.register_rate, 100000, "REGISTERs per second");
     }},
    {"sip", "retry_initial_s", "GATEWAY_SIP_RETRY_INITIAL_S",
     [](const RawValue& v, Draft& d) { return seconds_value(v, d.settings.sip.retry_initial_s); }},
    {"sip", "retry_max_s", "GATEWAY_SIP_RETRY_MAX_S",
     [](const RawValue& v, Draft& d) { return seconds_value(v, d.settings.sip.retry_max_s); }},
    {"calls", "candidate_wait_s", "GATEWAY_CALLS_CANDIDATE_WAIT_S",
     [](const RawValue& v, Draft& d) {
         return zero_or_positive(v, d.settings.calls.candidate_wait_s, 10, "seconds");
     }},
    {"calls", "ring_timeout_s", "GATEWAY_CALLS_RING_TIMEOUT_S",
     [](const RawValue& v, Draft& d) { return positive_number(v, d.settings.calls.ring_timeout_s, 3600, "seconds"); }},
    {"calls", "early_media", "GATEWAY_CALLS_EARLY_MEDIA",
     [](const RawValue& v, Draft& d) { return early_media_value(v, d.settings.calls.early_media); }},
    {"calls", "session_timer_s", "GATEWAY_CALLS_SESSION_TIMER_S",
     [](const RawValue& v, Draft& d) -> Result {
         if (auto error = zero_or_positive(v, d.settings.calls.session_timer_s, max_delay_s, "seconds")) return error;
         if (d.settings.calls.session_timer_s > 0 && d.settings.calls.session_timer_s < 90)
             return std::string("must be 0 (off) or at least 90 seconds (RFC 4028 Min-SE), got ") + describe_value(v);
         return std::nullopt;
     }},
    {"calls", "max_total", "GATEWAY_CALLS_MAX_TOTAL",
     [](const RawValue& v, Draft& d) { return count_value(v, d.settings.calls.max_total, 1000000, "calls"); }},
    {"calls", "max_per_user", "GATEWAY_CALLS_MAX_PER_USER",
     [](const RawValue& v, Draft& d) { return count_value(v, d.settings.calls.max_per_user, 1000, "calls"); }},
    {"calls", "rate", "GATEWAY_CALLS_RATE",
     [](const RawValue& v, Draft& d) { return positive_number(v, d.settings.calls.rate, 100000, "calls per second"); }},
    {"calls", "user_rate_per_minute", "GATEWAY_CALLS_USER_RATE_PER_MINUTE",
     [](const RawValue& v, Draft& d) {
         return positive_number(v, d.settings.calls.user_rate_per_minute, 100000, "calls per minute");
     }},
    {"store", "backend", "GATEWAY_STORE_BACKEND",
     [](const RawValue& v, Draft& d) { return backend_value(v, d.settings.store.backend); }},
    {"store", "path", "GATEWAY_STORE_PATH",
     [](const RawValue& v, Draft& d) { return text_value(v, d.settings.store.path, not_empty); }},
    {"store", "conninfo", "GATEWAY_STORE_CONNINFO",
     [](const RawValue& v, Draft& d) { return secret_value(v, d.settings.store.conninfo); }},
    {"http", "listen", "GATEWAY_HTTP_LISTEN",
     [](const RawValue& v, Draft& d) { return text_value(v, d.settings.http.listen, listen_address_or_empty); }},
    {"log", "level", "GATEWAY_LOG_LEVEL",
     [](const RawValue& v, Draft& d) { return log_level_value(v, d.settings.log.level); }},
}};

const std::array<std::string_view, 6> sections{"xmpp", "sip", "calls", "store", "http", "log"};

std::string joined(std::string_view section, std::string_view Field::*member) {
    std::string out;
    for (const Field& field : fields) {
        if (field.section != section) continue;
        if (!out.empty()) out += ", ";
        out += field.*member;
    }
    return out;
}

}  // namespace

std::string Field::name() const { return std::string(section) + "." + std::string(key); }

std::span<const Field> all_fields() { return fields; }

std::span<const std::string_view> section_names() { return sections; }

const Field* find_field(std::string_view section, std::string_view key) {
    for (const Field& field : fields) {
        if (field.section == section && field.key == key) return &field;
    }
    return nullptr;
}

const Field* find_field_by_variable(std::string_view variable) {
    for (const Field& field : fields) {
        if (field.variable == variable) return &field;
    }
    return nullptr;
}

std::string known_keys(std::string_view section) { return joined(section, &Field::key); }

std::string known_variables(std::string_view section) { return joined(section, &Field::variable); }

}  // namespace gw::config
