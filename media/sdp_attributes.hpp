#pragma once
// Typed views of the SDP attribute values the translation reads and writes. Parsers take the
// value after "a=<name>:"; renderers return it. Both validate, so that what they accept can be
// carried in XML and what they produce cannot break an SDP line. Both throw MediaError with a
// message starting "a=<name>: "; the translation adds the line number or the content name.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/jingle.hpp"
#include "media/sdp.hpp"

namespace gw::media::sdp_attr {

struct Rtpmap {
    unsigned pt = 0;
    std::string name;
    std::uint32_t clockrate = 0;
    std::optional<unsigned> channels;
};
Rtpmap parse_rtpmap(std::string_view value);
std::string render_rtpmap(const PayloadType& pt);  // the type needs a name and a clock rate

struct Fmtp {
    unsigned pt = 0;
    std::vector<Parameter> parameters;
};
Fmtp parse_fmtp(std::string_view value);
std::string render_fmtp(unsigned pt, const std::vector<Parameter>& parameters);

struct RtcpFb {
    std::optional<unsigned> pt;  // absent for "*"
    std::optional<std::uint32_t> trr_int;  // set for "trr-int <value>", else `feedback` is
    RtcpFeedback feedback;
};
RtcpFb parse_rtcp_fb(std::string_view value);
std::string render_rtcp_fb(std::optional<unsigned> pt, const RtcpFeedback& feedback);
std::string render_trr_int(std::optional<unsigned> pt, std::uint32_t interval);

struct Extmap {
    unsigned id = 0;
    std::optional<Direction> direction;
    std::string uri;
    std::vector<Parameter> parameters;  // extension attributes after the URI
};
Extmap parse_extmap(std::string_view value);
std::string render_extmap(const Extmap& extmap);

struct Ssrc {
    std::uint32_t ssrc = 0;
    Parameter attribute;  // "cname:x" -> {cname, x}
};
Ssrc parse_ssrc(std::string_view value);
std::string render_ssrc(std::uint32_t ssrc, const Parameter& attribute);

SourceGroup parse_ssrc_group(std::string_view value);
std::string render_ssrc_group(const SourceGroup& group);

ContentGroup parse_group(std::string_view value);
std::string render_group(const ContentGroup& group);

Fingerprint parse_fingerprint(std::string_view value);  // hash lower-cased; no setup
std::string render_fingerprint(const Fingerprint& fingerprint);

Crypto parse_crypto(std::string_view value);
std::string render_crypto(const Crypto& crypto);

IceCandidate parse_candidate(std::string_view value);  // protocol and type lower-cased
std::string render_candidate(const IceCandidate& candidate);

struct Rtcp {
    std::uint16_t port = 0;
    std::optional<SdpConnection> connection;
};
Rtcp parse_rtcp(std::string_view value);
std::string render_rtcp(const Rtcp& rtcp);

// Setup roles of RFC 4145 / RFC 5763.
bool is_setup_role(std::string_view value);

}  // namespace gw::media::sdp_attr
