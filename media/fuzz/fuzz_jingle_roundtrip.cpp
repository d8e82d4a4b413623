// Jingle XML -> SDP text -> Jingle. What the Jingle side accepts and translates must make an SDP
// that renders (no line breaks or NULs copied into it) and parses again.
#include <cstddef>
#include <cstdint>

#include "media/fuzz/fuzz_check.hpp"
#include "media/jingle_xml.hpp"
#include "media/translate.hpp"
#include "media/trickle.hpp"
#include "media/xml.hpp"

using namespace gw::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto root = parse_xml(fuzz::as_text(data, size));
    if (!root) return 0;
    const Element* element = find_jingle(*root);
    if (!element) return 0;
    auto session = parse_jingle(*element);
    if (!session) return 0;

    if (auto fragment = transport_info_to_sdpfrag(*session, nullptr)) {
        if (auto text = render_sdpfrag(*fragment)) fuzz::require(parse_sdpfrag(*text).ok());
    }
    for (Role writer : {Role::initiator, Role::responder}) {
        ToSdpOptions options;
        options.writer = writer;
        auto sdp = jingle_to_sdp(*session, options);
        if (!sdp) continue;
        auto text = render_sdp(*sdp);
        fuzz::require(text.ok());
        auto reparsed = parse_sdp(*text);
        fuzz::require(reparsed.ok());
        ToJingleOptions back_options;
        back_options.writer = writer;
        back_options.sid = session->sid;
        auto back = sdp_to_jingle(*reparsed, back_options);
        if (!back) continue;
        auto xml = render_jingle(*back);
        fuzz::require(xml.ok());
        fuzz::require(render_xml(*xml).ok());
    }
    return 0;
}
