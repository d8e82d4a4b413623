// libstrophe stanzas <-> the translation library's Element, so the pure media code reads and
// writes Jingle without knowing libstrophe.
#pragma once

#include "media/element.hpp"
#include "xmpp/stanza.hpp"

#include <string_view>

namespace gw {

// The element and everything below it. Elements without xmlns inherit `parent_ns`.
media::Element to_element(const xmpp::Stanza& stanza, std::string_view parent_ns = {});

// Appends `element` (and its subtree) to `parent`, declaring xmlns where it differs from
// `parent_ns`. Returns the new child.
xmpp::Stanza append_element(xmpp::Stanza& parent, const media::Element& element, std::string_view parent_ns);

}  // namespace gw
