#pragma once
// Jingle session model <-> Element, with the namespaces real clients use.
#include <string_view>

#include "media/element.hpp"
#include "media/jingle.hpp"
#include "media/result.hpp"

namespace gw::media {

namespace ns {
inline constexpr std::string_view jingle = "urn:xmpp:jingle:1";
inline constexpr std::string_view rtp = "urn:xmpp:jingle:apps:rtp:1";
inline constexpr std::string_view rtcp_fb = "urn:xmpp:jingle:apps:rtp:rtcp-fb:0";
inline constexpr std::string_view rtp_hdrext = "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0";
inline constexpr std::string_view ssma = "urn:xmpp:jingle:apps:rtp:ssma:0";
inline constexpr std::string_view ice_udp = "urn:xmpp:jingle:transports:ice-udp:1";
inline constexpr std::string_view raw_udp = "urn:xmpp:jingle:transports:raw-udp:1";
inline constexpr std::string_view dtls = "urn:xmpp:jingle:apps:dtls:0";
inline constexpr std::string_view grouping = "urn:xmpp:jingle:apps:grouping:0";
}  // namespace ns

// How an fmtp token without '=' (telephone-event "0-16") is written. Clients disagree:
// Conversations and Jitsi read <parameter name='' value='0-16'/>, StanzaJS reads
// <parameter name='0-16'/>. Both forms are accepted when parsing.
enum class BareTokenStyle { empty_name, name_only };

struct JingleRenderOptions {
    BareTokenStyle bare_tokens = BareTokenStyle::empty_name;
};

// `jingle` must be <jingle xmlns='urn:xmpp:jingle:1'>. Unknown children and attributes are
// ignored; missing required ones and malformed values are errors naming the content.
Result<JingleSession> parse_jingle(const Element& jingle);

Result<Element> render_jingle(const JingleSession& session, const JingleRenderOptions& options = {});

// The <jingle/> element itself, or the one inside an <iq/>; nullptr if there is none.
const Element* find_jingle(const Element& root);

}  // namespace gw::media
