#pragma once
// The Kamailio configuration file of a test server (pure text generation).

#include <cstdint>
#include <string>

#include "tests/rig/kamailio_server.hpp"

namespace gw::rig {

struct KamailioLayout {
  std::uint16_t port = 0;    // UDP and TCP on 127.0.0.1
  std::string ctl_address{};  // "unix:/path/ctl", this instance's own control socket
};

// Throws std::invalid_argument for a domain, user or password that cannot be written into the
// configuration safely (quotes, backslashes, control characters, separators in user names).
std::string kamailio_config_text(const KamailioOptions& options, const KamailioLayout& layout);

}  // namespace gw::rig
