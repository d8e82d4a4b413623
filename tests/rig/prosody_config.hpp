#pragma once
// The Prosody configuration file of a test server (pure text generation).

#include <cstdint>
#include <string>
#include <string_view>

#include "tests/rig/prosody_server.hpp"

namespace gw::rig {

struct ProsodyLayout {
  std::string data_dir;
  std::string certs_dir;
  std::string pid_file;
  std::uint16_t c2s_port = 0;
  std::uint16_t component_port = 0;
  std::uint16_t http_port = 0;  // used when options.websocket
};

std::string prosody_config_text(const ProsodyOptions& options, const ProsodyLayout& layout);

// `text` as a Lua string literal, quoted and escaped.
std::string lua_quote(std::string_view text);

}  // namespace gw::rig
