#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw {

struct HostPort {
    std::string host;  // IPv6 without brackets
    std::uint16_t port = 0;
};

// Splits "host:port", "[v6]:port", and (with a default port) "host" or "[v6]".
// Returns nothing on a malformed value (the config loader has reported it already).
std::optional<HostPort> split_host_port(std::string_view text, std::uint16_t default_port = 0);

}  // namespace gw
