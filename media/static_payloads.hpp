#pragma once
// The static RTP payload types of RFC 3551 (an m= format may use them without a=rtpmap).
#include <cstdint>
#include <optional>
#include <string_view>

namespace gw::media {

struct StaticPayload {
    std::string_view name;
    std::uint32_t clockrate;
    std::optional<unsigned> channels;
};

std::optional<StaticPayload> static_payload(unsigned id);

}  // namespace gw::media
