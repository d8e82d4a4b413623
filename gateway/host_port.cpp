#include "gateway/host_port.hpp"

#include <charconv>

namespace gw {

std::optional<HostPort> split_host_port(std::string_view text, std::uint16_t default_port) {
    HostPort result;
    std::string_view rest;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        result.host = std::string(text.substr(1, close - 1));
        rest = text.substr(close + 1);
    } else {
        const auto colon = text.rfind(':');
        if (colon != std::string_view::npos && text.find(':') != colon) {
            result.host = std::string(text);  // a bare IPv6 literal has no port
            rest = {};
        } else {
            result.host = std::string(text.substr(0, colon));
            rest = colon == std::string_view::npos ? std::string_view() : text.substr(colon);
        }
    }
    if (result.host.empty()) return std::nullopt;
    if (rest.empty()) {
        if (default_port == 0) return std::nullopt;
        result.port = default_port;
        return result;
    }
    if (rest.front() != ':' || rest.size() < 2) return std::nullopt;
    unsigned port = 0;
    auto [end, error] = std::from_chars(rest.data() + 1, rest.data() + rest.size(), port);
    if (error != std::errc() || end != rest.data() + rest.size() || port == 0 || port > 65535)
        return std::nullopt;
    result.port = static_cast<std::uint16_t>(port);
    return result;
}

}  // namespace gw
