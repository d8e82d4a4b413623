#pragma once
// The configuration files of a test ejabberd (pure text generation): ejabberd.yml, the
// ejabberdctl.cfg that keeps the Erlang node off epmd, and the resolver's inetrc.

#include <cstdint>
#include <string>
#include <string_view>

#include "tests/rig/ejabberd_server.hpp"

namespace gw::rig {

struct EjabberdLayout {
  std::string node{};         // Erlang node name, e.g. "ejabberd_20401@localhost"
  std::string pid_file{};     // where ejabberd writes the OS pid of its Erlang VM
  std::string erl_wrapper{};  // the script ejabberdctl runs instead of erl (ejabberd_erl_wrapper_text)
  std::uint16_t c2s_port = 0;
  std::uint16_t component_port = 0;
  std::uint16_t http_port = 0;  // used when options.websocket
  std::uint16_t dist_port = 0;  // Erlang distribution (ejabberdctl talks to the node there)
};

std::string ejabberd_config_text(const EjabberdOptions& options, const EjabberdLayout& layout);
std::string ejabberdctl_config_text(const EjabberdLayout& layout);
std::string ejabberd_inetrc_text();
// ejabberdctl is a shell that starts the Erlang VM as its child; this stand-in for erl makes the
// VM die with that shell, so a test killed by SIGKILL leaves no ejabberd behind. It also points
// ERL_LIBS at `erl_libs` (see ejabberd_server.cpp) instead of the whole multiarch lib directory.
std::string ejabberd_erl_wrapper_text(const std::string& erl_libs);

// `text` as a YAML double-quoted scalar.
std::string yaml_quote(std::string_view text);
// `text` as one word for sh/bash, single-quoted.
std::string shell_quote(std::string_view text);

}  // namespace gw::rig
