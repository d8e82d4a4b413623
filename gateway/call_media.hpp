// The media descriptions of a call, translated between Jingle and SDP with the roles of each
// direction, plus what hold and re-INVITEs need. Pure: no I/O, no logging (errors are returned).
#pragma once

#include "media/jingle.hpp"
#include "media/result.hpp"
#include "media/sdp.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace gw {

struct JingleParties {
    std::string sid;
    std::string initiator;
    std::string responder;
};

// Outgoing: the user's session-initiate (with the candidates gathered) -> the INVITE's SDP offer.
media::Result<std::string> offer_sdp_from_jingle(const media::JingleSession& offer, const media::SdpOrigin& origin);

// Outgoing: the SIP answer -> the session-accept the user gets.
media::Result<media::JingleSession> answer_jingle_from_sdp(std::string_view answer_sdp,
                                                           const media::JingleSession& offer,
                                                           const JingleParties& parties);

// Incoming: the INVITE's SDP offer -> session-initiate. Fails for an offer with no RTP content.
media::Result<media::JingleSession> offer_jingle_from_sdp(std::string_view offer_sdp, const JingleParties& parties);

// Incoming: the user's session-accept -> the 200's SDP answer to `offer_sdp`.
media::Result<std::string> answer_sdp_from_jingle(const media::JingleSession& accept, std::string_view offer_sdp,
                                                  const media::SdpOrigin& origin);

// The SDP the gateway sent before, put on hold (every section: sendrecv -> sendonly,
// recvonly -> inactive) or resumed, with the o= version one higher.
media::Result<std::string> sdp_with_hold(std::string_view sdp, bool hold);

// A re-INVITE's offer compared with the remote description the call runs on.
struct Reoffer {
    enum class Kind {
        same,       // nothing changed but o= / directions: a refresh, or hold / resume
        changed,    // addresses, ports, codecs or sections changed
    } kind = Kind::same;
    bool remote_holds = false;  // every section is sendonly or inactive from the peer's side
    std::string what_changed;   // for the log and the Warning header when changed
};
media::Result<Reoffer> compare_reoffer(std::string_view current_remote_sdp, std::string_view new_offer_sdp);

// The answer to a re-offer the gateway accepts: its own last SDP with each section's direction
// answering the offer's (sendonly -> recvonly, inactive -> inactive, recvonly -> sendonly,
// sendrecv -> sendrecv; while the gateway's user holds, never more than sendonly) and the o=
// version one higher when anything changed.
media::Result<std::string> sdp_answering_directions(std::string_view local_sdp, std::string_view offer_sdp,
                                                    bool local_hold);

// The o= the gateway stamps on the first description of a call.
media::SdpOrigin new_origin(std::uint64_t session_id, std::string_view address);

}  // namespace gw
