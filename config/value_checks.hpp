// Syntax checks for the values found in settings: domains, hosts, host:port pairs.
// Each returns nothing when the value is good, else the whole message: 'expected ..., got "..." (why)'.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gw::config {

// A DNS name of letters, digits and hyphens in dot-separated labels (no trailing dot).
std::optional<std::string> check_domain(std::string_view text);

// An IPv4 or IPv6 literal (IPv6 without brackets), or a DNS name.
std::optional<std::string> check_host(std::string_view text);

// "host:port", "[ipv6]:port"; when the port is optional also "host" and "[ipv6]".
enum class PortPart { required, optional };
std::optional<std::string> check_host_port(std::string_view text, PortPart port);

// Text that ends up in a protocol header line: printable, no control characters.
std::optional<std::string> check_printable(std::string_view text);

bool is_ipv4_literal(std::string_view text);
bool is_ipv6_literal(std::string_view text);

// Quotes a value for a message: "abc" with control characters and quotes escaped.
std::string quoted(std::string_view text);

}  // namespace gw::config
