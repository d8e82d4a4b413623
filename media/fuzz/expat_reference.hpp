#pragma once
// expat as the reference XML parser: the library's own parser must never accept a document
// expat refuses, and must build the same tree (fuzz_xml_differential, test_xml_differential).
// Used only by tests and fuzzing; the library itself does not depend on expat.
#include <string_view>

#include "media/element.hpp"
#include "media/result.hpp"

namespace gw::media::fuzz {

// expat with namespace processing; DOCTYPE and entity declarations refused, no size limits.
Result<Element> parse_xml_with_expat(std::string_view text);

}  // namespace gw::media::fuzz
