#include "media/sdp_attributes.hpp"

#include "media/error.hpp"
#include "media/text_rules.hpp"

namespace gw::media::sdp_attr {

namespace {

[[noreturn]] void bad(std::string_view attribute, const std::string& problem) {
    fail("a=" + std::string(attribute) + ": " + problem);
}

std::string shown(std::string_view text) { return "'" + std::string(text.substr(0, 60)) + "'"; }

Words words_of(std::string_view attribute, std::string_view value) {
    try {
        return Words(value);
    } catch (const MediaError& e) {
        bad(attribute, e.what());
    }
}

std::uint64_t number(std::string_view attribute, std::string_view what, std::string_view text,
                     std::uint64_t max) {
    auto value = parse_uint(text, max);
    if (!value) bad(attribute, std::string(what) + " " + shown(text) + " is not a number in 0.." + std::to_string(max));
    return *value;
}

unsigned payload_id(std::string_view attribute, std::string_view text) {
    return static_cast<unsigned>(number(attribute, "payload type", text, 127));
}

// Splits "<first> <rest>" at the first run of spaces.
std::pair<std::string_view, std::string_view> head(std::string_view value) {
    value = trim(value);
    auto space = value.find(' ');
    if (space == std::string_view::npos) return {value, {}};
    return {value.substr(0, space), trim(value.substr(space + 1))};
}

void need_printable(std::string_view attribute, std::string_view what, std::string_view value) {
    if (!is_printable(value)) bad(attribute, std::string(what) + " contains a control character or invalid UTF-8");
}

// `secret` values (SRTP keys) are never quoted in messages: errors end up in logs.
void need_word(std::string_view attribute, std::string_view what, std::string_view value, bool secret = false) {
    if (value.empty()) bad(attribute, std::string(what) + " is empty");
    if (value.find(' ') != std::string_view::npos)
        bad(attribute, std::string(what) + (secret ? "" : " " + shown(value)) + " contains a space");
    need_printable(attribute, what, value);
}

void need_token(std::string_view attribute, std::string_view what, std::string_view value) {
    if (!is_token(value)) bad(attribute, std::string(what) + " " + shown(value) + " is not a token");
}

// "k=v" or a bare "k": the form of fmtp parameters and extra rtcp-fb/extmap parameters.
Parameter parse_parameter(std::string_view text) {
    auto eq = text.find('=');
    if (eq == std::string_view::npos) return {std::string(text), std::nullopt};
    return {std::string(trim(text.substr(0, eq))), std::string(trim(text.substr(eq + 1)))};
}

void append_parameter(std::string& out, std::string_view attribute, const Parameter& p, char separator) {
    if (p.name.empty()) bad(attribute, "parameter without a name");
    need_printable(attribute, "parameter name", p.name);
    if (p.name.find(separator) != std::string::npos || p.name.find('=') != std::string::npos ||
        trim(p.name) != p.name)
        bad(attribute, "parameter name " + shown(p.name) + " cannot be written in SDP");
    out += p.name;
    if (!p.value) return;
    if (!is_printable(*p.value)) need_printable(attribute, "value of parameter '" + p.name + "'", *p.value);
    if (p.value->find(separator) != std::string::npos || trim(*p.value) != *p.value)
        bad(attribute, "value of parameter '" + p.name + "' cannot be written in SDP");
    out += '=';
    out += *p.value;
}

std::vector<Parameter> parse_word_parameters(std::string_view attribute, const Words& words, std::size_t from) {
    std::vector<Parameter> out;
    for (std::size_t i = from; i < words.size(); ++i) {
        need_printable(attribute, "parameter", words[i]);
        out.push_back(parse_parameter(words[i]));
    }
    return out;
}

std::uint32_t ssrc_number(std::string_view attribute, std::string_view text) {
    return static_cast<std::uint32_t>(number(attribute, "SSRC", text, UINT32_MAX));
}

}  // namespace

Rtpmap parse_rtpmap(std::string_view value) {
    constexpr std::string_view a = "rtpmap";
    auto [id, encoding] = head(value);
    Rtpmap r;
    r.pt = payload_id(a, id);
    if (encoding.empty()) bad(a, "missing encoding after payload type " + std::to_string(r.pt));
    const auto first = encoding.find('/');
    const auto second = first == std::string_view::npos ? first : encoding.find('/', first + 1);
    if (first == std::string_view::npos || (second != std::string_view::npos && encoding.find('/', second + 1) != std::string_view::npos))
        bad(a, "expected <name>/<clock rate>[/<channels>], found " + shown(encoding));
    const auto name = encoding.substr(0, first);
    const auto clock = encoding.substr(first + 1, second == std::string_view::npos ? second : second - first - 1);
    need_token(a, "encoding name", name);
    r.name = std::string(name);
    r.clockrate = static_cast<std::uint32_t>(number(a, "clock rate", clock, UINT32_MAX));
    if (second != std::string_view::npos)
        r.channels = static_cast<unsigned>(number(a, "channels", encoding.substr(second + 1), 255));
    return r;
}

std::string render_rtpmap(const PayloadType& pt) {
    constexpr std::string_view a = "rtpmap";
    need_token(a, "encoding name", pt.name);
    if (!pt.clockrate) bad(a, "payload type " + std::to_string(pt.id) + " has no clock rate");
    std::string out;
    out.reserve(pt.name.size() + 24);
    out.append(std::to_string(pt.id)).append(" ").append(pt.name).append("/").append(std::to_string(*pt.clockrate));
    if (pt.channels) out.append("/").append(std::to_string(*pt.channels));
    return out;
}

Fmtp parse_fmtp(std::string_view value) {
    constexpr std::string_view a = "fmtp";
    auto [id, rest] = head(value);
    Fmtp f;
    f.pt = payload_id(a, id);
    need_printable(a, "parameters", rest);
    for (std::size_t start = 0; start <= rest.size();) {
        std::size_t end = rest.find(';', start);
        if (end == std::string_view::npos) end = rest.size();
        std::string_view piece = trim(rest.substr(start, end - start));
        start = end + 1;
        if (piece.empty()) continue;
        if (f.parameters.size() >= 256) bad(a, "too many parameters");
        Parameter p = parse_parameter(piece);
        if (p.name.empty()) bad(a, "parameter without a name in " + shown(piece));
        f.parameters.push_back(std::move(p));
    }
    return f;
}

std::string render_fmtp(unsigned pt, const std::vector<Parameter>& parameters) {
    std::string out;
    out.reserve(64);
    out.append(std::to_string(pt)).append(" ");
    bool first = true;
    for (const auto& p : parameters) {
        if (!first) out += ';';
        first = false;
        append_parameter(out, "fmtp", p, ';');
    }
    return out;
}

RtcpFb parse_rtcp_fb(std::string_view value) {
    constexpr std::string_view a = "rtcp-fb";
    Words words = words_of(a, value);
    if (words.size() < 2) bad(a, "expected <payload type or *> <type> ...");
    RtcpFb r;
    if (words[0] != "*") r.pt = payload_id(a, words[0]);
    need_token(a, "feedback type", words[1]);
    if (words[1] == "trr-int") {
        if (words.size() != 3) bad(a, "trr-int needs exactly one value");
        r.trr_int = static_cast<std::uint32_t>(number(a, "trr-int", words[2], UINT32_MAX));
        return r;
    }
    r.feedback.type = std::string(words[1]);
    if (words.size() > 2) {
        need_token(a, "feedback subtype", words[2]);
        r.feedback.subtype = std::string(words[2]);
    }
    r.feedback.parameters = parse_word_parameters(a, words, 3);
    return r;
}

std::string render_rtcp_fb(std::optional<unsigned> pt, const RtcpFeedback& feedback) {
    constexpr std::string_view a = "rtcp-fb";
    need_token(a, "feedback type", feedback.type);
    if (feedback.type == "trr-int") bad(a, "trr-int is written as its own element");
    std::string out;
    out.reserve(32);
    out.append(pt ? std::to_string(*pt) : std::string("*")).append(" ").append(feedback.type);
    if (feedback.subtype) {
        need_token(a, "feedback subtype", *feedback.subtype);
        out.append(" ").append(*feedback.subtype);
    } else if (!feedback.parameters.empty()) {
        bad(a, "feedback parameters without a subtype");
    }
    for (const auto& p : feedback.parameters) {
        out += ' ';
        append_parameter(out, a, p, ' ');
    }
    return out;
}

std::string render_trr_int(std::optional<unsigned> pt, std::uint32_t interval) {
    return (pt ? std::to_string(*pt) : std::string("*")) + " trr-int " + std::to_string(interval);
}

Extmap parse_extmap(std::string_view value) {
    constexpr std::string_view a = "extmap";
    Words words = words_of(a, value);
    if (words.size() < 2) bad(a, "expected <id>[/<direction>] <uri>");
    Extmap e;
    auto id = words[0];
    if (auto slash = id.find('/'); slash != std::string_view::npos) {
        e.direction = direction_from_string(id.substr(slash + 1));
        if (!e.direction) bad(a, "direction " + shown(id.substr(slash + 1)) + " is not a direction");
        id = id.substr(0, slash);
    }
    e.id = static_cast<unsigned>(number(a, "id", id, 4351));
    if (e.id == 0) bad(a, "id 0 is reserved");
    need_word(a, "URI", words[1]);
    e.uri = std::string(words[1]);
    e.parameters = parse_word_parameters(a, words, 2);
    return e;
}

std::string render_extmap(const Extmap& e) {
    constexpr std::string_view a = "extmap";
    if (e.id == 0 || e.id > 4351) bad(a, "id " + std::to_string(e.id) + " is outside 1..4351");
    need_word(a, "URI", e.uri);
    std::string out;
    out.reserve(e.uri.size() + 16);
    out.append(std::to_string(e.id));
    if (e.direction) out.append("/").append(to_string(*e.direction));
    out.append(" ").append(e.uri);
    for (const auto& p : e.parameters) {
        out += ' ';
        append_parameter(out, a, p, ' ');
    }
    return out;
}

Ssrc parse_ssrc(std::string_view value) {
    constexpr std::string_view a = "ssrc";
    auto [id, rest] = head(value);
    Ssrc s;
    s.ssrc = ssrc_number(a, id);
    if (rest.empty()) bad(a, "missing attribute after SSRC " + std::to_string(s.ssrc));
    auto colon = rest.find(':');
    auto name = rest.substr(0, colon);
    need_word(a, "source attribute name", name);
    s.attribute.name = std::string(name);
    if (colon != std::string_view::npos) {
        auto attribute_value = rest.substr(colon + 1);
        if (!is_printable(attribute_value)) need_printable(a, "value of '" + s.attribute.name + "'", attribute_value);
        s.attribute.value = std::string(attribute_value);
    }
    return s;
}

std::string render_ssrc(std::uint32_t ssrc, const Parameter& attribute) {
    constexpr std::string_view a = "ssrc";
    need_word(a, "source attribute name", attribute.name);
    if (attribute.name.find(':') != std::string::npos) bad(a, "source attribute name " + shown(attribute.name) + " contains ':'");
    std::string out;
    out.reserve(attribute.name.size() + (attribute.value ? attribute.value->size() : 0) + 12);
    out.append(std::to_string(ssrc)).append(" ").append(attribute.name);
    if (attribute.value) {
        if (!is_printable(*attribute.value)) need_printable(a, "value of '" + attribute.name + "'", *attribute.value);
        if (trim(*attribute.value) != *attribute.value && !attribute.value->empty())
            bad(a, "value of '" + attribute.name + "' starts or ends with a space");
        out.append(":").append(*attribute.value);
    }
    return out;
}

SourceGroup parse_ssrc_group(std::string_view value) {
    constexpr std::string_view a = "ssrc-group";
    Words words = words_of(a, value);
    if (words.size() < 2) bad(a, "expected <semantics> <ssrc>...");
    need_token(a, "semantics", words[0]);
    SourceGroup g{std::string(words[0]), {}};
    for (std::size_t i = 1; i < words.size(); ++i) g.ssrcs.push_back(ssrc_number(a, words[i]));
    return g;
}

std::string render_ssrc_group(const SourceGroup& group) {
    constexpr std::string_view a = "ssrc-group";
    need_token(a, "semantics", group.semantics);
    if (group.ssrcs.empty()) bad(a, "group '" + group.semantics + "' has no sources");
    std::string out = group.semantics;
    for (auto ssrc : group.ssrcs) out += " " + std::to_string(ssrc);
    return out;
}

ContentGroup parse_group(std::string_view value) {
    constexpr std::string_view a = "group";
    Words words = words_of(a, value);
    if (words.empty()) bad(a, "missing semantics");
    need_token(a, "semantics", words[0]);
    ContentGroup g{std::string(words[0]), {}};
    for (std::size_t i = 1; i < words.size(); ++i) {
        need_word(a, "mid", words[i]);
        g.contents.emplace_back(words[i]);
    }
    return g;
}

std::string render_group(const ContentGroup& group) {
    constexpr std::string_view a = "group";
    need_token(a, "semantics", group.semantics);
    std::string out = group.semantics;
    for (const auto& mid : group.contents) {
        need_word(a, "mid", mid);
        out += " " + mid;
    }
    return out;
}

Fingerprint parse_fingerprint(std::string_view value) {
    constexpr std::string_view a = "fingerprint";
    Words words = words_of(a, value);
    if (words.size() != 2) bad(a, "expected <hash> <fingerprint>");
    need_token(a, "hash", words[0]);
    need_word(a, "fingerprint", words[1]);
    return {to_lower(words[0]), std::string(words[1]), std::nullopt};
}

std::string render_fingerprint(const Fingerprint& f) {
    constexpr std::string_view a = "fingerprint";
    need_token(a, "hash", f.hash);
    need_word(a, "fingerprint", f.value);
    return f.hash + " " + f.value;
}

Crypto parse_crypto(std::string_view value) {
    constexpr std::string_view a = "crypto";
    Words words = words_of(a, value);
    if (words.size() < 3) bad(a, "expected <tag> <crypto-suite> <key-params> [<session-params>]");
    Crypto c;
    number(a, "tag", words[0], 999999999);
    c.tag = std::string(words[0]);
    need_token(a, "crypto-suite", words[1]);
    c.suite = std::string(words[1]);
    need_word(a, "key-params", words[2], true);
    c.key_params = std::string(words[2]);
    if (words.size() > 3) {
        std::string session;
        for (std::size_t i = 3; i < words.size(); ++i) {
            need_printable(a, "session-params", words[i]);
            if (!session.empty()) session += ' ';
            session += words[i];
        }
        c.session_params = std::move(session);
    }
    return c;
}

std::string render_crypto(const Crypto& c) {
    constexpr std::string_view a = "crypto";
    if (!parse_uint(c.tag, 999999999)) bad(a, "tag " + shown(c.tag) + " is not a number");
    need_token(a, "crypto-suite", c.suite);
    need_word(a, "key-params", c.key_params, true);
    std::string out = c.tag + " " + c.suite + " " + c.key_params;
    if (c.session_params) {
        need_printable(a, "session-params", *c.session_params);
        if (split_words(*c.session_params).empty()) bad(a, "session-params is empty");
        out += " " + *c.session_params;
    }
    return out;
}

IceCandidate parse_candidate(std::string_view value) {
    constexpr std::string_view a = "candidate";
    Words w = words_of(a, value);
    static constexpr const char* fields[] = {"foundation", "component", "transport", "priority",
                                             "address", "port", "'typ'", "candidate type"};
    if (w.size() < 8) bad(a, std::string("missing ") + fields[w.size()]);
    IceCandidate c;
    if (!is_ice_chars(w[0]) || w[0].size() > 32) bad(a, "foundation " + shown(w[0]) + " is not 1-32 ice-chars");
    c.foundation = std::string(w[0]);
    c.component = static_cast<unsigned>(number(a, "component", w[1], 256));
    if (c.component == 0) bad(a, "component 0 does not exist");
    need_token(a, "transport", w[2]);
    c.protocol = to_lower(w[2]);
    c.priority = static_cast<std::uint32_t>(number(a, "priority", w[3], UINT32_MAX));
    if (!is_address(w[4])) bad(a, "address " + shown(w[4]) + " is not an IP address or host name");
    c.ip = std::string(w[4]);
    c.port = static_cast<std::uint16_t>(number(a, "port", w[5], 65535));
    if (w[6] != "typ") bad(a, "expected 'typ' after the port, found " + shown(w[6]));
    need_token(a, "candidate type", w[7]);
    c.type = to_lower(w[7]);
    for (std::size_t i = 8; i < w.size(); i += 2) {
        if (i + 1 >= w.size()) bad(a, "extension " + shown(w[i]) + " has no value");
        auto name = w[i];
        auto v = w[i + 1];
        if (name == "raddr") {
            if (!is_address(v)) bad(a, "raddr " + shown(v) + " is not an IP address or host name");
            c.rel_addr = std::string(v);
        } else if (name == "rport") {
            c.rel_port = static_cast<std::uint16_t>(number(a, "rport", v, 65535));
        } else if (name == "tcptype") {
            need_token(a, "tcptype", v);
            c.tcptype = std::string(v);
        } else if (name == "generation") {
            c.generation = static_cast<unsigned>(number(a, "generation", v, UINT32_MAX));
        } else if (name == "network-id") {
            c.network = static_cast<unsigned>(number(a, "network-id", v, UINT32_MAX));
        } else {
            // network-cost, ufrag and future extensions have no Jingle counterpart.
            need_printable(a, "extension", v);
        }
    }
    return c;
}

std::string render_candidate(const IceCandidate& c) {
    constexpr std::string_view a = "candidate";
    if (!is_ice_chars(c.foundation) || c.foundation.size() > 32)
        bad(a, "foundation " + shown(c.foundation) + " is not 1-32 ice-chars");
    if (c.component == 0 || c.component > 256) bad(a, "component " + std::to_string(c.component) + " is outside 1..256");
    need_token(a, "transport", c.protocol);
    if (!is_address(c.ip)) bad(a, "address " + shown(c.ip) + " is not an IP address or host name");
    need_token(a, "candidate type", c.type);
    std::string out;
    out.reserve(96);
    out.append(c.foundation).append(" ").append(std::to_string(c.component)).append(" ");
    out.append(c.protocol).append(" ").append(std::to_string(c.priority)).append(" ");
    out.append(c.ip).append(" ").append(std::to_string(c.port)).append(" typ ").append(c.type);
    if (c.rel_addr) {
        if (!is_address(*c.rel_addr)) bad(a, "raddr " + shown(*c.rel_addr) + " is not an IP address or host name");
        out.append(" raddr ").append(*c.rel_addr);
    }
    if (c.rel_port) out.append(" rport ").append(std::to_string(*c.rel_port));
    if (c.tcptype) {
        need_token(a, "tcptype", *c.tcptype);
        out.append(" tcptype ").append(*c.tcptype);
    }
    if (c.generation) out.append(" generation ").append(std::to_string(*c.generation));
    if (c.network) out.append(" network-id ").append(std::to_string(*c.network));
    return out;
}

Rtcp parse_rtcp(std::string_view value) {
    constexpr std::string_view a = "rtcp";
    Words w = words_of(a, value);
    if (w.size() != 1 && w.size() != 4) bad(a, "expected <port> [IN IP4|IP6 <address>]");
    Rtcp r;
    r.port = static_cast<std::uint16_t>(number(a, "port", w[0], 65535));
    if (w.size() == 4) {
        if (!is_address(w[3])) bad(a, "address " + shown(w[3]) + " is not an IP address or host name");
        r.connection = SdpConnection{std::string(w[1]), std::string(w[2]), std::string(w[3])};
    }
    return r;
}

std::string render_rtcp(const Rtcp& r) {
    std::string out = std::to_string(r.port);
    if (r.connection) out += " " + r.connection->net_type + " " + r.connection->addr_type + " " + r.connection->address;
    return out;
}

bool is_setup_role(std::string_view value) {
    return value == "actpass" || value == "active" || value == "passive" || value == "holdconn";
}

}  // namespace gw::media::sdp_attr
