#include "tests/rig/prosody_config.hpp"


namespace gw::rig {

std::string lua_quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\0': out += "\\0"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string prosody_config_text(const ProsodyOptions& options, const ProsodyLayout& layout) {
  const auto port = [](std::uint16_t p) { return "{ " + std::to_string(p) + " }"; };
  std::string modules = "\"roster\", \"saslauth\", \"disco\", \"ping\"";
  if (options.websocket) modules += ", \"http\", \"websocket\"";
  for (const auto& m : options.extra_modules) modules += ", " + lua_quote(m);

  std::string text;
  text += "-- Written by gw::rig::ProsodyServer for one test run.\n";
  // As root Prosody refuses to start, and prosodyctl would switch to the prosody user.
  text += "run_as_root = true\n";
  text += "pidfile = " + lua_quote(layout.pid_file) + "\n";
  text += "data_path = " + lua_quote(layout.data_dir) + "\n";
  text += "certificates = " + lua_quote(layout.certs_dir) + "\n";
  text += "modules_disabled = { \"s2s\" }\n";
  text += "modules_enabled = { " + modules + " }\n";
  std::string interfaces = "{ \"127.0.0.1\"";
  for (const auto& address : options.extra_interfaces) interfaces += ", " + lua_quote(address);
  interfaces += " }";
  text += "interfaces = " + interfaces + "\n";
  text += "c2s_ports = " + port(layout.c2s_port) + "\n";
  text += "c2s_direct_tls_ports = { }\nlegacy_ssl_ports = { }\n";
  text += "component_interfaces = { \"127.0.0.1\" }\n";
  text += "component_ports = " + port(layout.component_port) + "\n";
  text += "c2s_require_encryption = false\n";
  text += "allow_unencrypted_plain_auth = true\n";
  text += "authentication = \"internal_hashed\"\n";
  // Without this every exchange over the component link waits ~40 ms for Nagle.
  text += "network_settings = { nagle = false }\n";
  text += "log = { { levels = { min = \"info\" }, to = \"console\" } }\n";
  if (options.websocket) {
    text += "http_interfaces = " + interfaces + "\n";
    text += "http_ports = " + port(layout.http_port) + "\n";
    text += "https_ports = { }\n";
    text += "consider_websocket_secure = true\n";
  }
  if (!options.extra_config.empty()) text += options.extra_config + "\n";
  text += "\nVirtualHost " + lua_quote(options.domain) + "\n";
  text += "\nComponent " + lua_quote(options.component) + "\n";
  text += "    component_secret = " + lua_quote(options.component_secret) + "\n";
  return text;
}

}  // namespace gw::rig
