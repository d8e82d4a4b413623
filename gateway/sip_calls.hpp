// What the call service needs of the SIP user agent (the application adapts UserAgent to it).
#pragma once

#include "sip/call_leg.hpp"

#include <string_view>

namespace gw {

class SipCalls {
public:
    virtual ~SipCalls() = default;
    virtual sip::CallLegId invite(const sip::OutgoingCall& call) = 0;
    virtual void respond(sip::CallLegId id, int status, std::string_view phrase, std::string_view sdp = {}) = 0;
    virtual void hang_up(sip::CallLegId id, int status, std::string_view phrase) = 0;
    virtual void reinvite(sip::CallLegId id, std::string_view sdp) = 0;
    virtual void info(sip::CallLegId id, std::string_view content_type, std::string_view info_package,
                      std::string_view body) = 0;
};

}  // namespace gw
