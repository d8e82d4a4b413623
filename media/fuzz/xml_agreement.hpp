#pragma once
// The rule the library's XML parser is held to, against expat: whatever it accepts, expat
// accepts too, with the same tree; what it refuses and expat accepts must be one of its
// deliberate refusals (limits, non-ASCII names, foreign-namespace attributes, declarations
// other than version 1.0 in UTF-8, the xml prefix on elements).
#include <string>
#include <string_view>

namespace gw::media::fuzz {

// Empty when the two parsers agree on `text`, else what differs.
std::string xml_disagreement(std::string_view text);

}  // namespace gw::media::fuzz
