#pragma once
// XML text <-> Element. Parsing uses expat with namespace processing; DOCTYPE and entity
// declarations are refused (XMPP forbids them), comments and processing instructions are skipped.
#include <string>
#include <string_view>

#include "media/element.hpp"
#include "media/result.hpp"

namespace gw::media {

// Exactly one root element; sizes are bounded by media/limits.hpp.
Result<Element> parse_xml(std::string_view text);

// Renders with double-quoted attributes, declaring xmlns wherever an element's namespace differs
// from its parent's. Fails on names or values XML cannot carry (control characters, invalid UTF-8).
Result<std::string> render_xml(const Element& element);

}  // namespace gw::media
