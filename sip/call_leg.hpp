// SIP call legs the user agent keeps for the gateway's calls: what the gateway asks for and what
// it hears back. Sofia keeps the dialog state; these types carry only what the bridge needs.
#pragma once

#include <cstdint>
#include <string>

namespace gw::sip {

using CallLegId = std::uint64_t;

struct OutgoingCall {
    std::string from;          // the user's address of record: "sip:alice@example.com"
    std::string to;            // R-URI and To: "sip:bob@example.com", "sip:+1555@example.com;user=phone"
    std::string proxy;         // outbound proxy URI ("sip:host:port;transport=tcp"), or empty
    std::string auth_user;     // digest user name for 401/407
    std::string password;      // never logged
    std::string contact_user;  // user part of our Contact (the account's token)
    std::string sdp;           // the offer
    std::string call_id;       // chosen by the gateway, so that its logs name the call from the start
};

// A response to our INVITE (provisional or 2xx), or what a re-INVITE answer carried.
struct SipResponse {
    int status = 0;
    std::string phrase;
    std::string sdp;            // body when application/sdp, else empty
    bool reliable = false;      // a 100rel provisional response (its SDP is a final answer)
    bool trickle_ice = false;   // the peer supports RFC 8840 (Supported: trickle-ice)
};

// Why a leg ended. `by_remote` tells who hung up: the peer's BYE, CANCEL or final error, or
// our own BYE, CANCEL or final response.
struct CallEnd {
    int status = 0;        // final status of the INVITE, or 200 for a BYE
    std::string phrase;
    std::string reason;    // "BYE", "CANCEL", "rejected", "timeout" ...
    bool by_remote = false;
    bool established = false;  // the call had been answered
};

// The gateway's answer to a re-INVITE in an established dialog.
struct ReofferAnswer {
    int status = 200;
    std::string phrase = "OK";
    std::string sdp;      // with 2xx
    std::string warning;  // text for a Warning header with 4xx (why the change is refused)
};

}  // namespace gw::sip
