// SIP status codes <-> Jingle reasons (XEP-0166 section 7.4), as docs/calls.md tabulates them.
// Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace gw {

// The Jingle reason condition for a SIP final status that ended a call: 486 -> "busy",
// 603 -> "decline", 404 -> "gone", 488 -> "incompatible-parameters", else "general-error".
std::string_view jingle_reason_for_sip(int status);

struct SipFinal {
    int status = 0;
    std::string_view phrase;
};

// The final response to an unanswered incoming INVITE when the user ends it with `condition`:
// "busy" -> 486, "decline" -> 603, media problems -> 488, errors -> 480, anything else -> 603
// (the user chose not to take the call).
SipFinal sip_final_for_jingle_reason(std::string_view condition);

// True for the conditions XEP-0166 defines (an unknown one is answered as general-error).
bool is_jingle_reason(std::string_view condition);

}  // namespace gw
