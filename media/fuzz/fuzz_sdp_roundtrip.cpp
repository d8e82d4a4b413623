// SDP -> Jingle -> XML text -> Jingle -> SDP. What the SDP side accepts must always make valid
// XML (no control characters or broken UTF-8 slip through), and the way back must parse.
#include <cstddef>
#include <cstdint>

#include "media/fuzz/fuzz_check.hpp"
#include "media/jingle_xml.hpp"
#include "media/translate.hpp"
#include "media/xml.hpp"

using namespace gw::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto sdp = parse_sdp(fuzz::as_text(data, size));
    if (!sdp) return 0;
    for (Role writer : {Role::initiator, Role::responder}) {
        ToJingleOptions options;
        options.writer = writer;
        options.sid = "fuzz";
        auto jingle = sdp_to_jingle(*sdp, options);
        if (!jingle) continue;
        auto element = render_jingle(*jingle);
        fuzz::require(element.ok());
        auto xml = render_xml(*element);
        fuzz::require(xml.ok());
        auto reparsed = parse_xml(*xml);
        fuzz::require(reparsed.ok());
        auto received = parse_jingle(*reparsed);
        fuzz::require(received.ok());
        fuzz::require(*received == *jingle);

        ToSdpOptions back_options;
        back_options.writer = writer;
        auto back = jingle_to_sdp(*received, back_options);
        if (!back) continue;
        auto text = render_sdp(*back);
        fuzz::require(text.ok());
        fuzz::require(parse_sdp(*text).ok());
        // Answers are translated against the offer they answer.
        ToSdpOptions answer_options = back_options;
        answer_options.offer = &*sdp;
        if (auto answer = jingle_to_sdp(*received, answer_options)) fuzz::require(render_sdp(*answer).ok());
    }
    return 0;
}
