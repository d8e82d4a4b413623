#pragma once
// The o= line of the descriptions one side sends during a session (RFC 3264 §5, §8): the same
// session id throughout, the version one higher whenever the description changed.
#include <optional>

#include "media/sdp.hpp"

namespace gw::media {

class SdpOriginTracker {
public:
    // `first` is the o= of the first description (its session_id and session_version are digits).
    explicit SdpOriginTracker(SdpOrigin first);

    // Gives `sdp` the current o= line. A description that differs from the one stamped before
    // gets the next version; sending the same one again keeps the version.
    void stamp(SdpSession& sdp);

    const SdpOrigin& origin() const { return origin_; }

private:
    SdpOrigin origin_;
    std::optional<SdpSession> last_;
};

// "41" -> "42"; "999" -> "1000". Digits only.
std::string increment_decimal(const std::string& digits);

}  // namespace gw::media
