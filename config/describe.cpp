// The start-up log line: every setting in key=value form, secrets reduced to whether they are set.
#include "config/load.hpp"
#include "config/value_checks.hpp"

#include <array>
#include <charconv>

namespace gw::config {
namespace {

std::string presence(const std::string& secret) { return secret.empty() ? "(empty)" : "(set)"; }

// Bare when it reads unambiguously in a space-separated line, quoted otherwise.
std::string shown(const std::string& value) {
    if (value.empty()) return "(none)";
    const bool plain = value.find_first_of(" \"\\=") == std::string::npos && !check_printable(value);
    return plain ? value : quoted(value);
}

std::string seconds(double value) {
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr) + "s";
}

std::string level_name(LogLevel level) {
    switch (level) {
    case LogLevel::trace:
        return "trace";
    case LogLevel::debug:
        return "debug";
    case LogLevel::info:
        return "info";
    case LogLevel::warn:
        return "warn";
    case LogLevel::error:
        return "error";
    }
    return "unknown";
}

std::string domains(const std::vector<std::string>& list) {
    if (list.empty()) return "(any)";
    std::string out;
    for (const std::string& domain : list) {
        if (!out.empty()) out += ',';
        out += domain;
    }
    return out;
}

}  // namespace

std::string describe_settings(const Settings& s) {
    std::string out = "config=" + shown(s.source_file);
    out += " xmpp.component=" + shown(s.xmpp.component);
    out += " xmpp.secret=" + presence(s.xmpp.secret);
    out += " xmpp.host=" + shown(s.xmpp.host);
    out += " xmpp.port=" + std::to_string(s.xmpp.port);
    out += " xmpp.allowed_domains=" + domains(s.xmpp.allowed_domains);
    out += " xmpp.reconnect=" + seconds(s.xmpp.reconnect_initial_s) + ".." + seconds(s.xmpp.reconnect_max_s);
    out += " sip.listen=" + shown(s.sip.listen);
    out += " sip.public_address=" + shown(s.sip.public_address);
    if (s.sip.outgoing_port != 0) out += " sip.outgoing_port=" + std::to_string(s.sip.outgoing_port);
    out += " sip.default_domain=" + shown(s.sip.default_domain);
    out += " sip.default_proxy=" + shown(s.sip.default_proxy);
    out += " sip.user_agent=" + shown(s.sip.user_agent);
    if (s.store.backend == StoreBackend::sqlite) {
        out += " store.backend=sqlite store.path=" + shown(s.store.path);
    } else {
        // A connection string may carry a password: never print it.
        out += " store.backend=postgresql store.conninfo=" + presence(s.store.conninfo);
    }
    out += " http.listen=" + (s.http.listen.empty() ? std::string("(disabled)") : shown(s.http.listen));
    out += " log.level=" + level_name(s.log.level);
    return out;
}

}  // namespace gw::config
