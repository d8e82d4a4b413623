// RFC 8840 sdpfrag parser: what it accepts renders and parses back to the same fragment, and
// merges into a pending description without breaking it.
#include <cstddef>
#include <cstdint>

#include "media/fuzz/fuzz_check.hpp"
#include "media/trickle.hpp"

using namespace gw::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto fragment = parse_sdpfrag(fuzz::as_text(data, size));
    if (!fragment) return 0;
    auto text = render_sdpfrag(*fragment);
    fuzz::require(text.ok());
    auto again = parse_sdpfrag(*text);
    fuzz::require(again.ok());
    fuzz::require(*again == *fragment);

    SdpSession pending;
    SdpMedia audio;
    audio.media = "audio";
    audio.port = 9;
    audio.proto = "UDP/TLS/RTP/SAVPF";
    audio.formats = {"0"};
    audio.add("mid", "0");
    pending.media.push_back(audio);
    if (add_sdpfrag(pending, *fragment)) fuzz::require(render_sdp(pending).ok());
    return 0;
}
