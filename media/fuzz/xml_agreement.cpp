#include "media/fuzz/xml_agreement.hpp"

#include "media/fuzz/expat_reference.hpp"
#include "media/xml.hpp"

namespace gw::media::fuzz {

namespace {

bool deliberate_refusal(const std::string& message) {
    for (const char* reason : {"than the limit", "names must be ASCII", "is not supported", "only UTF-8",
                               "XML declaration not well-formed", "reserved prefix (xml)"})
        if (message.find(reason) != std::string::npos) return true;
    return false;
}

}  // namespace

std::string xml_disagreement(std::string_view text) {
    auto mine = parse_xml(text);
    auto reference = parse_xml_with_expat(text);
    if (mine.ok() && !reference.ok()) return "accepted what expat refuses: " + reference.error();
    if (mine.ok() && !(*mine == *reference)) return "built a different tree than expat";
    if (!mine.ok() && reference.ok() && !deliberate_refusal(mine.error()))
        return "refused what expat accepts: " + mine.error();
    return {};
}

}  // namespace gw::media::fuzz
