// SDP parser: anything it accepts renders, and the rendering parses to the same model.
#include <cstddef>
#include <cstdint>

#include "media/fuzz/fuzz_check.hpp"
#include "media/sdp.hpp"

using namespace gw::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto sdp = parse_sdp(fuzz::as_text(data, size));
    if (!sdp) return 0;
    auto text = render_sdp(*sdp);
    fuzz::require(text.ok());
    auto again = parse_sdp(*text);
    fuzz::require(again.ok());
    fuzz::require(*again == *sdp);
    return 0;
}
