#pragma once
// Conversion of libstrophe's stanza tree into gw::rig::Stanza (internal to the rig).

#include <strophe.h>

#include <string_view>

#include "tests/rig/stanza.hpp"

namespace gw::rig::detail {

// xmpp_initialize() once per process (libstrophe's global set-up).
void initialize_strophe();

Stanza stanza_from_strophe(xmpp_stanza_t* element, std::string_view parent_ns = "");

}  // namespace gw::rig::detail
