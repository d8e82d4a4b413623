#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gw::sip {

// Sofia reports a failed bind only as a NULL nua. Binding UDP and TCP once ourselves first turns
// that into a message naming the address, the transport and the reason.
std::optional<std::string> bind_problem(const std::string& host, std::uint16_t port);

}  // namespace gw::sip
