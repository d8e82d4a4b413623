// The stanzas a call sends to the user's clients: Jingle IQs (XEP-0166/0167) and Jingle Message
// Initiation messages (XEP-0353).
#pragma once

#include "gateway/outbox.hpp"
#include "media/jingle.hpp"
#include "media/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gw {

namespace call_ns {
inline constexpr const char* jingle = "urn:xmpp:jingle:1";
inline constexpr const char* jingle_errors = "urn:xmpp:jingle:errors:1";
inline constexpr const char* rtp = "urn:xmpp:jingle:apps:rtp:1";
inline constexpr const char* rtp_info = "urn:xmpp:jingle:apps:rtp:info:1";
inline constexpr const char* jmi = "urn:xmpp:jingle-message:0";
inline constexpr const char* hints = "urn:xmpp:hints";
inline constexpr const char* carbons = "urn:xmpp:carbons:2";
// The gateway's own: the SIP status behind a Jingle reason, so clients and logs see the cause.
inline constexpr const char* sip_status = "urn:xmpp-sip-gateway:0";
}  // namespace call_ns

struct Reason {
    std::string condition = "success";  // a XEP-0166 reason element name
    std::string text;                   // "486 Busy Here"
    int sip_status = 0;                 // 0: none
};

struct Route {
    std::string from;
    std::string to;
};

// <iq type='set'> carrying the session (any action) rendered as <jingle/>.
media::Result<xmpp::Stanza> jingle_iq(Outbox& out, const Route& route, const std::string& id,
                                      const media::JingleSession& session);

// session-info with one payload in the RTP info namespace: ringing, hold, unhold, active.
xmpp::Stanza session_info_iq(Outbox& out, const Route& route, const std::string& id, std::string_view sid,
                             std::string_view initiator, const char* info);

xmpp::Stanza session_terminate_iq(Outbox& out, const Route& route, const std::string& id, std::string_view sid,
                                  std::string_view initiator, const Reason& reason);

// A JMI message: propose (with one <description/> per media), proceed, retract, reject,
// ringing, finish. `reason` is added to retract, reject and finish when given. `private_copy`
// keeps it out of other clients' carbons (a retract meant for one losing device).
xmpp::Stanza jmi_message(Outbox& out, const Route& route, const char* element, std::string_view sid,
                         const std::vector<std::string>& media = {}, const Reason* reason = nullptr,
                         bool private_copy = false);

// The <reason/> of a session-terminate, retract, reject or finish, if any.
Reason reason_of(const xmpp::Stanza& parent);

}  // namespace gw
