#pragma once
// The Jingle session model (XEP-0166 with XEP-0167 RTP descriptions, XEP-0176 ICE-UDP and
// XEP-0177 raw-UDP transports, and the RTP extensions the translation carries). It holds what
// the translation understands; unknown elements are not kept.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "media/direction.hpp"
#include "media/result.hpp"

namespace gw::media {

// A name with an optional value: fmtp parameters ("minptime=10", or the bare token "0-16" as a
// name without value), source attributes ("cname:x"), extra rtcp-fb and extmap parameters.
struct Parameter {
    std::string name;
    std::optional<std::string> value;
    bool operator==(const Parameter&) const = default;
};

struct RtcpFeedback {  // XEP-0293 <rtcp-fb/>: a=rtcp-fb:<pt> <type> [<subtype> [params]]
    std::string type;
    std::optional<std::string> subtype;
    std::vector<Parameter> parameters;
    bool operator==(const RtcpFeedback&) const = default;
};

struct PayloadType {  // <payload-type/>: the m= format plus a=rtpmap/fmtp/rtcp-fb/ptime
    unsigned id = 0;
    std::string name;  // empty only for a static type given without a name
    std::optional<std::uint32_t> clockrate;
    std::optional<unsigned> channels;
    std::optional<unsigned> ptime;
    std::optional<unsigned> maxptime;
    std::vector<Parameter> parameters;
    std::vector<RtcpFeedback> feedback;
    std::vector<std::uint32_t> trr_int;  // <rtcp-fb-trr-int value=.../>
    bool operator==(const PayloadType&) const = default;
};

struct HeaderExtension {  // XEP-0294 <rtp-hdrext/>: a=extmap:<id>[/<direction>] <uri>
    unsigned id = 0;
    std::string uri;
    std::optional<Senders> senders;  // absent means both
    std::vector<Parameter> parameters;
    bool operator==(const HeaderExtension&) const = default;
};

struct Source {  // XEP-0339 <source/>: a=ssrc:<ssrc> <name>[:<value>]
    std::uint32_t ssrc = 0;
    std::vector<Parameter> parameters;
    bool operator==(const Source&) const = default;
};

struct SourceGroup {  // XEP-0339 <ssrc-group/>: a=ssrc-group:<semantics> <ssrc>...
    std::string semantics;
    std::vector<std::uint32_t> ssrcs;
    bool operator==(const SourceGroup&) const = default;
};

struct Bandwidth {  // <bandwidth type='AS'>128</bandwidth>: b=AS:128
    std::string type;
    std::uint64_t value = 0;
    bool operator==(const Bandwidth&) const = default;
};

struct Crypto {  // SDES <crypto/>: a=crypto:<tag> <suite> <key-params> [<session-params>]
    std::string tag;
    std::string suite;
    std::string key_params;
    std::optional<std::string> session_params;
    bool operator==(const Crypto&) const = default;
};

struct Encryption {  // <encryption required='1'>
    std::optional<bool> required;
    std::vector<Crypto> cryptos;
    bool operator==(const Encryption&) const = default;
};

struct RtpDescription {  // <description xmlns='urn:xmpp:jingle:apps:rtp:1'>: one m= section
    std::string media;  // "audio", "video"
    std::optional<std::uint32_t> ssrc;
    std::vector<PayloadType> payload_types;
    std::vector<RtcpFeedback> feedback;  // for every payload type (a=rtcp-fb:*)
    std::vector<std::uint32_t> trr_int;  // a=rtcp-fb:* trr-int
    std::vector<HeaderExtension> header_extensions;
    bool extmap_allow_mixed = false;
    bool rtcp_mux = false;
    bool rtcp_reduced_size = false;  // a=rtcp-rsize
    std::vector<Source> sources;
    std::vector<SourceGroup> source_groups;
    std::vector<Bandwidth> bandwidths;
    std::optional<Encryption> encryption;

    // The payload type with this id, or nullptr.
    const PayloadType* payload_type(unsigned id) const;
    bool uses_feedback() const;  // any rtcp-fb or trr-int, so the profile is AVPF
    bool operator==(const RtpDescription&) const = default;
};

struct IceCandidate {  // XEP-0176 <candidate/>: a=candidate:...
    std::string foundation;
    unsigned component = 1;
    std::string protocol = "udp";  // lower case
    std::uint32_t priority = 0;
    std::string ip;
    std::uint16_t port = 0;
    std::string type = "host";  // host, srflx, prflx, relay (lower case)
    std::optional<std::string> rel_addr;
    std::optional<std::uint16_t> rel_port;
    std::optional<std::string> tcptype;  // active, passive, so
    std::optional<unsigned> generation;
    std::optional<unsigned> network;  // SDP network-id
    std::string id;                   // Jingle only; empty when not known yet
    bool operator==(const IceCandidate&) const = default;
};

struct Fingerprint {  // XEP-0320 <fingerprint/>: a=fingerprint:<hash> <value> plus a=setup
    std::string hash;  // "sha-256"
    std::string value;
    std::optional<std::string> setup;  // actpass, active, passive, holdconn
    bool operator==(const Fingerprint&) const = default;
};

struct IceUdpTransport {  // <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>
    std::optional<std::string> ufrag;
    std::optional<std::string> pwd;
    std::vector<IceCandidate> candidates;
    std::vector<Fingerprint> fingerprints;
    bool operator==(const IceUdpTransport&) const = default;
};

struct RawUdpCandidate {  // XEP-0177 <candidate/>: c= and the m= port; component 2 is a=rtcp
    unsigned component = 1;
    std::optional<unsigned> generation;
    std::string id;
    std::string ip;
    std::uint16_t port = 0;
    bool operator==(const RawUdpCandidate&) const = default;
};

struct RawUdpTransport {  // <transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>
    std::vector<RawUdpCandidate> candidates;
    std::vector<Fingerprint> fingerprints;
    bool operator==(const RawUdpTransport&) const = default;
};

using Transport = std::variant<std::monostate, IceUdpTransport, RawUdpTransport>;

struct Content {
    Role creator = Role::initiator;
    std::string name;  // a=mid
    Senders senders = Senders::both;
    std::optional<std::string> disposition;
    std::optional<RtpDescription> description;  // absent in transport-info
    Transport transport;
    bool operator==(const Content&) const = default;
};

struct ContentGroup {  // XEP-0338 <group/>: a=group:<semantics> <mid>...
    std::string semantics;
    std::vector<std::string> contents;
    bool operator==(const ContentGroup&) const = default;
};

struct JingleSession {
    std::string action;  // session-initiate, session-accept, transport-info, content-modify ...
    std::string sid;
    std::string initiator;  // JIDs; empty when not set
    std::string responder;
    std::vector<Content> contents;
    std::vector<ContentGroup> groups;

    Content* find_content(std::string_view name);
    const Content* find_content(std::string_view name) const;
    bool operator==(const JingleSession&) const = default;
};

// What the call code needs while a session is pending or running.

// Adds a trickled candidate to a content's ICE-UDP transport (creating the transport if the
// content has none). A candidate equal to one already there is not added twice.
Result<void> add_candidate(JingleSession& session, std::string_view content, IceCandidate candidate);
// Adds every candidate of a transport-info to the matching contents of a pending session.
Result<void> merge_transport_info(JingleSession& pending, const JingleSession& transport_info);
// Hold, unhold, mute: sets `senders` of every content (or of one).
void set_senders(JingleSession& session, Senders senders);
Result<void> set_senders(JingleSession& session, std::string_view content, Senders senders);

}  // namespace gw::media
