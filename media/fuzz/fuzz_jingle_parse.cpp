// XML and Jingle parsers: accepted XML renders and parses back to the same element; an accepted
// Jingle session renders to an element that parses back to the same session.
#include <cstddef>
#include <cstdint>

#include "media/fuzz/fuzz_check.hpp"
#include "media/jingle_xml.hpp"
#include "media/xml.hpp"

using namespace gw::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto root = parse_xml(fuzz::as_text(data, size));
    if (!root) return 0;
    auto text = render_xml(*root);
    fuzz::require(text.ok());
    auto again = parse_xml(*text);
    fuzz::require(again.ok());
    fuzz::require(*again == *root);

    const Element* jingle = find_jingle(*root);
    if (!jingle) return 0;
    auto session = parse_jingle(*jingle);
    if (!session) return 0;
    for (auto style : {BareTokenStyle::empty_name, BareTokenStyle::name_only}) {
        auto element = render_jingle(*session, JingleRenderOptions{style});
        fuzz::require(element.ok());
        auto xml = render_xml(*element);
        fuzz::require(xml.ok());
        auto reparsed = parse_xml(*xml);
        fuzz::require(reparsed.ok());
        auto back = parse_jingle(*reparsed);
        fuzz::require(back.ok());
    }
    return 0;
}
