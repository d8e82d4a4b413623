#pragma once
// Trickle ICE for SIP (RFC 8840): candidates that arrive after the offer travel in INFO requests
// whose body is an application/trickle-ice-sdpfrag fragment:
//
//   a=ice-options:trickle
//   m=audio 9 UDP/TLS/RTP/SAVPF 111
//   a=mid:0
//   a=ice-ufrag:Yhh8
//   a=ice-pwd:777uzjYhagZgasd88fgpdd
//   a=candidate:1 1 udp 1658497328 198.51.100.33 5000 typ host
//   a=end-of-candidates
//
// The m= lines only delimit and name the sections (RFC 8840 §9.4): port 9, and the media,
// protocol and formats of the session's m= line when known.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/jingle.hpp"
#include "media/result.hpp"
#include "media/sdp.hpp"
#include "media/translate.hpp"

namespace gw::media {

struct TrickleMedia {
    std::string mid;  // may be empty: the section is then known by its position
    std::string media = "audio";
    std::string proto = "RTP/AVP";
    std::vector<std::string> formats{"0"};
    std::optional<std::string> ufrag;
    std::optional<std::string> pwd;
    std::vector<IceCandidate> candidates;
    bool end_of_candidates = false;
    bool operator==(const TrickleMedia&) const = default;
};

struct TrickleFragment {
    bool ice_options_trickle = true;
    std::vector<ContentGroup> groups;
    std::vector<TrickleMedia> media;
    bool operator==(const TrickleFragment&) const = default;
};

Result<std::string> render_sdpfrag(const TrickleFragment& fragment);
// Session-level a=ice-ufrag/ice-pwd/end-of-candidates apply to every section.
Result<TrickleFragment> parse_sdpfrag(std::string_view text);

// A Jingle transport-info as an INFO body. `session_sdp` (the SDP this session sent or received,
// may be null) supplies the m= lines and tells whether sections are named by a=mid.
Result<TrickleFragment> transport_info_to_sdpfrag(const JingleSession& transport_info,
                                                  const SdpSession* session_sdp);

// An INFO body as a Jingle transport-info for the session `options` names. Sections without
// a=mid take their names from `session_sdp` by position.
Result<JingleSession> sdpfrag_to_transport_info(const TrickleFragment& fragment,
                                                const SdpSession* session_sdp,
                                                const ToJingleOptions& options);

// Adds the fragment's candidates to a pending SDP (matched by a=mid, else by position); new
// credentials replace old ones, as after an ICE restart.
Result<void> add_sdpfrag(SdpSession& pending, const TrickleFragment& fragment);

}  // namespace gw::media
