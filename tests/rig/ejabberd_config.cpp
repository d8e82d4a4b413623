#include "tests/rig/ejabberd_config.hpp"

#include <cstdio>
#include <vector>

namespace gw::rig {

std::string yaml_quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string ejabberd_config_text(const EjabberdOptions& options, const EjabberdLayout& layout) {
  const auto listener = [](std::uint16_t port, std::string_view module, std::string_view ip = "127.0.0.1") {
    return "  - port: " + std::to_string(port) + "\n    ip: " + yaml_quote(ip) + "\n    module: " + std::string(module) +
           "\n";
  };
  // One listener per address (ejabberd binds each to one IP), 127.0.0.1 first.
  std::vector<std::string> addresses = {"127.0.0.1"};
  addresses.insert(addresses.end(), options.extra_interfaces.begin(), options.extra_interfaces.end());
  std::string text;
  text += "# Written by gw::rig::EjabberdServer for one test run.\n";
  text += "hosts:\n  - " + yaml_quote(options.domain) + "\n";
  text += "loglevel: info\n";
  text += "log_rotate_count: 0\n";
  // No certificates: c2s offers no STARTTLS, and nothing outside the temp dir is read.
  text += "certfiles: []\n";
  text += "listen:\n";
  for (const auto& address : addresses) {
    text += listener(layout.c2s_port, "ejabberd_c2s", address);
    text += "    starttls_required: false\n    max_stanza_size: 262144\n";
  }
  text += listener(layout.component_port, "ejabberd_service");
  text += "    hosts:\n      " + yaml_quote(options.component) + ":\n        password: " +
          yaml_quote(options.component_secret) + "\n";
  if (options.websocket) {
    for (const auto& address : addresses) {
      text += listener(layout.http_port, "ejabberd_http", address);
      text += "    request_handlers:\n      \"/xmpp-websocket\": ejabberd_http_ws\n";
    }
  }
  text += "auth_method: internal\n";
  // Tests talk to this server only: no server-to-server connections, ever.
  text += "s2s_access: none\n";
  // ejabberdctl (register) may run every command.
  text += "api_permissions:\n  \"console commands\":\n    from:\n      - ejabberd_ctl\n    who: all\n    what: \"*\"\n";
  text += "acl:\n  local:\n    user_regexp: \"\"\n";
  text += "access_rules:\n  local:\n    allow: local\n  c2s:\n    allow: all\n";
  // The modules of Debian's default configuration that decide how stanzas reach clients and
  // components: caps (the server queries clients' disco#info itself), offline storage, carbons,
  // stream management.
  text += "modules:\n";
  for (const char* module : {"mod_roster", "mod_disco", "mod_caps", "mod_ping", "mod_offline", "mod_carboncopy",
                             "mod_stream_mgmt"}) {
    text += "  " + std::string(module) + ": {}\n";
  }
  for (const auto& module : options.extra_modules) text += "  " + module + ": {}\n";
  if (!options.extra_config.empty()) text += options.extra_config + "\n";
  return text;
}

std::string ejabberdctl_config_text(const EjabberdLayout& layout) {
  std::string text;
  text += "# Written by gw::rig::EjabberdServer; sourced by ejabberdctl (a bash script).\n";
  text += "ERLANG_NODE=" + shell_quote(layout.node) + "\n";
  // A fixed distribution port makes the node and ejabberdctl skip epmd altogether.
  text += "ERL_DIST_PORT=" + std::to_string(layout.dist_port) + "\n";
  // What INET_DIST_INTERFACE=127.0.0.1 would do, without the extra Erlang VM ejabberdctl starts
  // to parse that address on every call (~0.3 s each).
  text += "ERL_OPTIONS='-kernel inet_dist_use_interface {127,0,0,1} -env ERL_CRASH_DUMP_BYTES 0'\n";
  text += "EJABBERD_PID_PATH=" + shell_quote(layout.pid_file) + "\n";
  text += "EJABBERD_BYPASS_WARNINGS=true\n";
  text += "ERL=" + shell_quote(layout.erl_wrapper) + "\n";
  return text;
}

std::string ejabberd_erl_wrapper_text(const std::string& erl_libs) {
  return "#!/bin/sh\n"
         "# Written by gw::rig::EjabberdServer: erl, dying with the ejabberdctl shell that starts it.\n"
         "ERL_LIBS=" + shell_quote(erl_libs) + "\nexport ERL_LIBS\n"
         "exec setpriv --pdeathsig KILL /usr/bin/erl \"$@\"\n";
}

std::string ejabberd_inetrc_text() {
  // Names come from the hosts table only: the node name's "localhost", and no DNS query ever.
  return "{lookup, [file]}.\n{host, {127,0,0,1}, [\"localhost\"]}.\n";
}

}  // namespace gw::rig
