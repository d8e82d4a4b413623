// What the SIP layer tells the application. The gateway implements it; sip/ never calls into
// gateway/ directly.
#pragma once

#include "sip/registration.hpp"

#include <string>

namespace gw::sip {

struct SipStatus {
    int code = 0;
    std::string phrase;
};

struct InviteRequest {
    std::string request_uri;  // as received, e.g. "sip:token@gw.example.org:5060"
    std::string from;         // From URI
    std::string to;           // To URI
    std::string call_id;
    std::string sdp;          // body when application/sdp, else empty
};

class SipListener {
public:
    virtual ~SipListener() = default;
    // A new INVITE outside any dialog. The returned final status is sent at once.
    virtual SipStatus on_incoming_invite(const InviteRequest& invite) = 0;
    // A registration changed state (see RegistrationState).
    virtual void on_registration(const RegistrationEvent& event) = 0;
    // The user agent finished shutting down (every transaction ended or timed out).
    virtual void on_sip_shutdown_complete() = 0;
};

}  // namespace gw::sip
