// The SIP text of the load tool's built-in callee (sip_answerer.*), pure: what a request is and
// the response it gets. Only what a registrar without authentication and a UAS answering at once
// need: REGISTER -> 200 granting an hour, INVITE -> 200 with SDP, BYE/CANCEL -> 200.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gw::load {

struct SipRequest {
    std::string method;   // "INVITE", "ACK", ...
    std::string call_id;
    std::string from_user;  // user part of the From URI ("user17")
};

// The request line and headers of `datagram`; nullopt for a response or an unparsable message.
std::optional<SipRequest> parse_sip_request(std::string_view datagram);

// The response to `datagram` (a request): its Via, From, To (with `to_tag` added when it has
// none), Call-ID and CSeq copied; for a 200 to INVITE a Contact at `contact_host_port` and an
// SDP answer (PCMU to port 40000 on 127.0.0.1); to a REGISTER its Contact, granted for an hour.
std::string sip_response(std::string_view datagram, int status, std::string_view phrase, std::string_view to_tag,
                         std::string_view contact_host_port, bool with_sdp);

}  // namespace gw::load
