#pragma once
// The SDP model (RFC 8866): every line of a session description, attributes in their original
// order so that unknown ones survive a parse/render round trip. Values are kept as text; typed
// views of the attributes the translation needs live in media/sdp_attributes.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/result.hpp"

namespace gw::media {

struct SdpAttribute {
    std::string name;                  // "rtpmap"
    std::optional<std::string> value;  // "111 opus/48000/2"; absent for flags such as "rtcp-mux"
    unsigned line = 0;                 // where it was parsed (for error messages); 0 if built

    bool operator==(const SdpAttribute& other) const {
        return name == other.name && value == other.value;
    }
};

struct SdpConnection {  // c=
    std::string net_type = "IN";
    std::string addr_type = "IP4";
    std::string address;  // may carry "/ttl[/count]" for multicast
    bool operator==(const SdpConnection&) const = default;
};

struct SdpBandwidth {  // b=
    std::string type;  // "AS", "TIAS", "CT" ...
    std::uint64_t value = 0;
    bool operator==(const SdpBandwidth&) const = default;
};

struct SdpOrigin {  // o=
    std::string username = "-";
    std::string session_id = "0";       // digits; kept as text, some peers exceed 64 bits
    std::string session_version = "0";  // digits
    std::string net_type = "IN";
    std::string addr_type = "IP4";
    std::string address = "127.0.0.1";
    bool operator==(const SdpOrigin&) const = default;
};

struct SdpTiming {  // t= and its r= lines
    std::string start = "0";
    std::string stop = "0";
    std::vector<std::string> repeats;
    bool operator==(const SdpTiming&) const = default;
};

struct SdpMedia {
    std::string media;  // "audio"
    std::uint16_t port = 0;
    std::optional<std::uint16_t> port_count;  // m=audio 49170/2 ...
    std::string proto;                        // "UDP/TLS/RTP/SAVPF"
    std::vector<std::string> formats;         // payload type numbers for RTP
    std::optional<std::string> title;         // i=
    std::vector<SdpConnection> connections;
    std::vector<SdpBandwidth> bandwidths;
    std::optional<std::string> key;  // k=
    std::vector<SdpAttribute> attributes;
    unsigned line = 0;  // line of the m= line; 0 if built

    const SdpAttribute* find(std::string_view attribute) const;  // first one, or nullptr
    bool has(std::string_view attribute) const { return find(attribute) != nullptr; }
    void add(std::string attribute, std::optional<std::string> value = std::nullopt);

    bool operator==(const SdpMedia& other) const;
};

struct SdpSession {
    SdpOrigin origin;
    std::string name = "-";  // s=
    std::optional<std::string> info;  // i=
    std::optional<std::string> uri;   // u=
    std::vector<std::string> emails;  // e=
    std::vector<std::string> phones;  // p=
    std::optional<SdpConnection> connection;
    std::vector<SdpBandwidth> bandwidths;
    std::vector<SdpTiming> timings{SdpTiming{}};
    std::optional<std::string> zone;  // z=
    std::optional<std::string> key;   // k=
    std::vector<SdpAttribute> attributes;
    std::vector<SdpMedia> media;

    const SdpAttribute* find(std::string_view attribute) const;
    bool has(std::string_view attribute) const { return find(attribute) != nullptr; }
    void add(std::string attribute, std::optional<std::string> value = std::nullopt);

    bool operator==(const SdpSession&) const = default;
};

// Accepts CRLF or LF line ends; rejects CR inside a line, NUL, unknown line types and lines out of
// place, with "line N: ..." messages. Sizes are bounded by media/limits.hpp.
Result<SdpSession> parse_sdp(std::string_view text);

// Renders in RFC 8866 order with CRLF line ends. Fails (rather than emit a broken or injected
// line) when a value contains CR, LF, NUL or another control character.
Result<std::string> render_sdp(const SdpSession& sdp);

}  // namespace gw::media
