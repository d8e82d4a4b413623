// What the SIP layer tells the application. The gateway implements it; sip/ never calls into
// gateway/ directly.
#pragma once

#include "sip/call_leg.hpp"
#include "sip/registration.hpp"

#include <string>
#include <string_view>

namespace gw::sip {

struct SipStatus {
    int code = 0;
    std::string phrase;
};

struct InviteRequest {
    std::string request_uri;  // as received, e.g. "sip:token@gw.example.org:5060"
    std::string from;         // From URI
    std::string from_display; // From display name, may be empty
    std::string to;           // To URI
    std::string call_id;
    std::string sdp;          // body when application/sdp, else empty
    bool has_body = false;    // some body was present (SDP or another type)
    bool trickle_ice = false; // Supported: trickle-ice
};

class SipListener {
public:
    virtual ~SipListener() = default;

    // A new INVITE outside any dialog. The listener answers through UserAgent (ring, answer,
    // reject), now or later; Sofia has sent 100 Trying.
    virtual void on_incoming_call(CallLegId id, const InviteRequest& invite) = 0;
    // A provisional response to our INVITE (180, 183 ...).
    virtual void on_call_progress(CallLegId id, const SipResponse& response) = 0;
    // The 2xx to our INVITE (Sofia has sent the ACK).
    virtual void on_call_answered(CallLegId id, const SipResponse& response) = 0;
    // A re-INVITE in an established dialog; `sdp` is empty for an offerless re-INVITE.
    virtual ReofferAnswer on_call_reoffer(CallLegId id, std::string_view sdp) = 0;
    // The final response to our own re-INVITE (hold, resume).
    virtual void on_reinvite_result(CallLegId id, const SipResponse& response) = 0;
    // An INFO request in the dialog (Sofia answered it 200).
    virtual void on_call_info(CallLegId id, std::string_view content_type, std::string_view body) = 0;
    // The leg is gone (BYE, CANCEL, failure, our own hang-up); its id is never used again.
    virtual void on_call_ended(CallLegId id, const CallEnd& end) = 0;

    // A registration changed state (see RegistrationState).
    virtual void on_registration(const RegistrationEvent& event) = 0;
    // The user agent finished shutting down (every transaction ended or timed out).
    virtual void on_sip_shutdown_complete() = 0;
};

}  // namespace gw::sip
