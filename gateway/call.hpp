// One call as the call service keeps it: the Jingle session paired with the SIP leg, and only
// what the bridge needs (Sofia keeps the dialog). Descriptions are kept as SDP text, parsed
// again on the rare events that need them (hold, re-INVITE, trickle), to keep calls small.
#pragma once

#include "gateway/call_stanzas.hpp"
#include "gateway/call_state.hpp"
#include "media/jingle.hpp"
#include "sip/call_leg.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace gw {

struct Call {
    std::uint64_t serial = 0;
    bool outgoing = true;
    CallState state = CallState::idle;
    CallFacts facts;
    std::string sid;
    std::string user;           // the gateway user's bare JID
    std::string user_resource;  // the client in the call (incoming JMI: known at <proceed/>)
    std::string contact;        // our side: "bob%example.com@gw/sip", as the user addressed it
    std::string remote_uri;     // the SIP peer
    std::string call_id;
    sip::CallLegId leg = 0;
    std::optional<media::JingleSession> offer;  // the Jingle offer until the call is answered
    std::optional<media::JingleSession> accept;  // incoming: a session-accept waiting for candidates
    std::string local_sdp;      // the last SDP the gateway sent on the SIP side
    std::string remote_sdp;     // the last SDP the SIP peer sent
    std::uint64_t origin_id = 0;
    std::uint64_t timer_generation = 0;
    bool peer_trickle = false;  // the SIP peer takes RFC 8840 INFO
    bool local_hold = false;    // the XMPP user put the call on hold
    bool remote_hold = false;   // the SIP peer did
    bool counted = false;       // in the limits
    double created_at = 0;
    double answered_at = 0;
    // How it ended, for the summary line and the session-terminate.
    std::string hung_up_by;     // "xmpp", "sip", "gateway"
    int sip_status = 0;
    std::string sip_phrase;

    // Jingle roles: the initiator is the user (outgoing) or the contact (incoming).
    const std::string& initiator() const { return outgoing ? user_resource : contact; }
    const std::string& responder() const { return outgoing ? contact : user_resource; }
};

}  // namespace gw
