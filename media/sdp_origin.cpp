#include "media/sdp_origin.hpp"

#include <utility>

namespace gw::media {

SdpOriginTracker::SdpOriginTracker(SdpOrigin first) : origin_(std::move(first)) {}

void SdpOriginTracker::stamp(SdpSession& sdp) {
    sdp.origin = origin_;
    if (last_) {
        SdpSession previous = *last_;
        previous.origin = origin_;
        if (!(previous == sdp)) {
            origin_.session_version = increment_decimal(origin_.session_version);
            sdp.origin = origin_;
        }
    }
    last_ = sdp;
}

std::string increment_decimal(const std::string& digits) {
    std::string out = digits.empty() ? "0" : digits;
    for (std::size_t i = out.size(); i-- > 0;) {
        if (out[i] < '9') {
            ++out[i];
            return out;
        }
        out[i] = '0';
    }
    return "1" + out;
}

}  // namespace gw::media
