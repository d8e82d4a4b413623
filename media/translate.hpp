#pragma once
// Jingle RTP session <-> SDP offer or answer: the mapping of docs/translation.md.
#include <cstddef>
#include <string>

#include "media/jingle.hpp"
#include "media/result.hpp"
#include "media/sdp.hpp"

namespace gw::media {

struct ToSdpOptions {
    Role writer = Role::initiator;  // the Jingle role of the side whose description this is
    SdpOrigin origin;               // o= to stamp (see media/sdp_origin.hpp for versions)
    std::string session_name = "-";
    // When translating an answer: the SDP offer it answers. The m= sections then follow the
    // offer's order, contents the answer left out become rejected (port 0) sections, and a=mid
    // is written only if the offer used it (RFC 3264 §6, RFC 5888 §9.1).
    const SdpSession* offer = nullptr;
    bool ice_trickle = false;  // announce a=ice-options:trickle
};

// Every content needs an RTP description; contents carry one m= section each.
Result<SdpSession> jingle_to_sdp(const JingleSession& session, const ToSdpOptions& options);

struct ToJingleOptions {
    Role writer = Role::initiator;  // the Jingle role of the side that wrote the SDP
    std::string action = "session-initiate";
    std::string sid;  // required
    std::string initiator;
    std::string responder;
    // When translating an answer: the Jingle offer it answers. Sections without a=mid take the
    // names of the offer's contents, in order.
    const JingleSession* offer = nullptr;
};

// Rejected sections (port 0 without a=bundle-only) and non-RTP sections have no content.
Result<JingleSession> sdp_to_jingle(const SdpSession& sdp, const ToJingleOptions& options);

// The content name the translation gives to sdp.media[index]: its a=mid, else the media type
// ("audio"), made unique with "-<index>" when the type repeats.
std::string content_name_for(const SdpSession& sdp, std::size_t index);

// True for the m= protocols that carry RTP (RTP/AVP, UDP/TLS/RTP/SAVPF ...).
bool is_rtp_protocol(std::string_view proto);

}  // namespace gw::media
