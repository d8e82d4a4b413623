#include <optional>
#include <string>

#include "media/error.hpp"
#include "media/jingle_xml.hpp"
#include "media/limits.hpp"
#include "media/text_rules.hpp"

namespace gw::media {

namespace {

constexpr std::string_view kOldDtlsNamespace = "urn:xmpp:tmp:jingle:apps:dtls:0";

std::string shown(std::string_view text) { return "'" + std::string(text.substr(0, 60)) + "'"; }

// Every attribute value read here may end up in an SDP line, so control characters
// (CR, LF, NUL and the rest) are refused at the door.
const std::string* checked_attr(const Element& e, std::string_view name) {
    const std::string* value = e.attribute(name);
    if (value && !is_printable(*value))
        fail(e.name + " attribute '" + std::string(name) + "' contains a control character or invalid UTF-8");
    return value;
}

std::optional<std::string> optional_attr(const Element& e, std::string_view name) {
    const std::string* value = checked_attr(e, name);
    if (!value) return std::nullopt;
    return *value;
}

const std::string& required_ref(const Element& e, std::string_view name) {
    const std::string* value = checked_attr(e, name);
    if (!value || value->empty()) fail(e.name + " without " + std::string(name));
    return *value;
}

std::string required_attr(const Element& e, std::string_view name) { return required_ref(e, name); }

// The attribute's value, or empty when absent.
std::string attr_or_empty(const Element& e, std::string_view name) {
    const std::string* value = checked_attr(e, name);
    return value ? *value : std::string();
}

std::uint64_t number_attr(const Element& e, std::string_view name, std::uint64_t max) {
    const std::string& text = required_ref(e, name);
    auto value = parse_uint(trim(text), max);
    if (!value) fail(e.name + " " + std::string(name) + " " + shown(text) + " is not a number in 0.." + std::to_string(max));
    return *value;
}

template <class T>
std::optional<T> optional_number(const Element& e, std::string_view name, std::uint64_t max) {
    if (!e.attribute(name)) return std::nullopt;
    return static_cast<T>(number_attr(e, name, max));
}

std::string text_of(const Element& e) {
    auto text = trim(e.text);
    if (!is_printable(text)) fail(e.name + " text contains a control character or invalid UTF-8");
    return std::string(text);
}

void check_count(std::size_t count, std::string_view what) {
    if (count >= limits::max_list_items) fail("more " + std::string(what) + " than the limit");
}

// fmtp-style parameter: both spellings of a bare token end up as a name without value.
Parameter parse_fmtp_parameter(const Element& e) {
    auto name = optional_attr(e, "name");
    auto value = optional_attr(e, "value");
    if (name && !name->empty()) return {*name, value};
    if (value && !value->empty()) return {*value, std::nullopt};
    fail("parameter without name or value");
}

Parameter parse_plain_parameter(const Element& e) {
    return {required_attr(e, "name"), optional_attr(e, "value")};
}

RtcpFeedback parse_feedback(const Element& e) {
    RtcpFeedback fb;
    fb.type = required_attr(e, "type");
    fb.subtype = optional_attr(e, "subtype");
    for (const auto& child : e.children) {
        if (child.name != std::string_view("parameter")) continue;
        check_count(fb.parameters.size(), "rtcp-fb parameters");
        fb.parameters.push_back(parse_plain_parameter(child));
    }
    return fb;
}

// Feedback children shared by <description/> and <payload-type/>; true if `child` was one.
template <class Owner>
bool take_feedback(Owner& owner, const Element& child) {
    if (child.ns != ns::rtcp_fb) return false;
    if (child.name == std::string_view("rtcp-fb")) {
        check_count(owner.feedback.size(), "rtcp-fb elements");
        owner.feedback.push_back(parse_feedback(child));
        return true;
    }
    if (child.name == std::string_view("rtcp-fb-trr-int")) {
        check_count(owner.trr_int.size(), "rtcp-fb-trr-int elements");
        owner.trr_int.push_back(static_cast<std::uint32_t>(number_attr(child, "value", UINT32_MAX)));
        return true;
    }
    return false;
}

PayloadType parse_payload_type(const Element& e) {
    PayloadType pt;
    if (!e.attribute("id")) fail("payload-type without id");
    pt.id = static_cast<unsigned>(number_attr(e, "id", 127));
    in_context([&] { return "payload-type " + std::to_string(pt.id); }, [&] {
        pt.name = attr_or_empty(e, "name");
        pt.clockrate = optional_number<std::uint32_t>(e, "clockrate", UINT32_MAX);
        pt.channels = optional_number<unsigned>(e, "channels", 255);
        pt.ptime = optional_number<unsigned>(e, "ptime", UINT32_MAX);
        pt.maxptime = optional_number<unsigned>(e, "maxptime", UINT32_MAX);
        for (const auto& child : e.children) {
            if (take_feedback(pt, child)) continue;
            if (child.name == std::string_view("parameter")) {
                check_count(pt.parameters.size(), "parameters");
                pt.parameters.push_back(parse_fmtp_parameter(child));
            }
        }
    });
    return pt;
}

HeaderExtension parse_header_extension(const Element& e) {
    HeaderExtension h;
    h.id = static_cast<unsigned>(number_attr(e, "id", 4351));
    h.uri = required_attr(e, "uri");
    if (auto senders = optional_attr(e, "senders")) {
        h.senders = senders_from_string(*senders);
        if (!h.senders) fail("rtp-hdrext " + std::to_string(h.id) + ": senders " + shown(*senders) + " is not valid");
    }
    for (const auto& child : e.children) {
        if (child.name != std::string_view("parameter")) continue;
        check_count(h.parameters.size(), "rtp-hdrext parameters");
        h.parameters.push_back(parse_plain_parameter(child));
    }
    return h;
}

Source parse_source(const Element& e) {
    Source s;
    s.ssrc = static_cast<std::uint32_t>(number_attr(e, "ssrc", UINT32_MAX));
    for (const auto& child : e.children) {
        if (child.name != std::string_view("parameter")) continue;
        check_count(s.parameters.size(), "source parameters");
        s.parameters.push_back(parse_plain_parameter(child));
    }
    return s;
}

SourceGroup parse_source_group(const Element& e) {
    SourceGroup g;
    g.semantics = required_attr(e, "semantics");
    for (const auto& child : e.children) {
        if (child.name != std::string_view("source")) continue;
        check_count(g.ssrcs.size(), "sources in a group");
        g.ssrcs.push_back(static_cast<std::uint32_t>(number_attr(child, "ssrc", UINT32_MAX)));
    }
    return g;
}

Encryption parse_encryption(const Element& e) {
    Encryption enc;
    if (auto required = optional_attr(e, "required")) {
        if (*required == "1" || *required == "true") enc.required = true;
        else if (*required == "0" || *required == "false") enc.required = false;
        else fail("encryption required " + shown(*required) + " is not a boolean");
    }
    for (const auto& child : e.children) {
        if (child.name != std::string_view("crypto")) continue;
        check_count(enc.cryptos.size(), "crypto elements");
        Crypto c;
        c.suite = required_attr(child, "crypto-suite");
        c.key_params = required_attr(child, "key-params");
        c.session_params = optional_attr(child, "session-params");
        c.tag = required_attr(child, "tag");
        enc.cryptos.push_back(std::move(c));
    }
    return enc;
}

RtpDescription parse_description(const Element& e) {
    RtpDescription d;
    d.media = required_attr(e, "media");
    d.ssrc = optional_number<std::uint32_t>(e, "ssrc", UINT32_MAX);
    // Movim and jicofo put a section-wide ptime/maxptime on the description itself.
    const auto ptime = optional_number<unsigned>(e, "ptime", UINT32_MAX);
    const auto maxptime = optional_number<unsigned>(e, "maxptime", UINT32_MAX);
    for (const auto& child : e.children) {
        if (take_feedback(d, child)) continue;
        if (child.ns == ns::rtp) {
            if (child.name == std::string_view("payload-type")) {
                if (d.payload_types.size() >= limits::max_payload_types) fail("more payload types than the limit");
                d.payload_types.push_back(parse_payload_type(child));
            } else if (child.name == std::string_view("rtcp-mux")) {
                d.rtcp_mux = true;
            } else if (child.name == std::string_view("rtcp-reduced-size")) {
                d.rtcp_reduced_size = true;
            } else if (child.name == std::string_view("bandwidth")) {
                check_count(d.bandwidths.size(), "bandwidth elements");
                Bandwidth b;
                b.type = required_attr(child, "type");
                // XEP-0167 puts the value in the text; Movim writes a value attribute.
                std::string value = text_of(child);
                if (value.empty()) value = optional_attr(child, "value").value_or("");
                auto number = parse_uint(value, UINT64_MAX);
                if (!number) fail("bandwidth " + b.type + " value " + shown(value) + " is not a number");
                b.value = *number;
                d.bandwidths.push_back(std::move(b));
            } else if (child.name == std::string_view("encryption")) {
                d.encryption = parse_encryption(child);
            }
        } else if (child.ns == ns::rtp_hdrext) {
            if (child.name == std::string_view("rtp-hdrext")) {
                check_count(d.header_extensions.size(), "rtp-hdrext elements");
                d.header_extensions.push_back(parse_header_extension(child));
            } else if (child.name == std::string_view("extmap-allow-mixed")) {
                d.extmap_allow_mixed = true;
            }
        } else if (child.ns == ns::ssma) {
            if (child.name == std::string_view("source")) {
                check_count(d.sources.size(), "sources");
                d.sources.push_back(parse_source(child));
            } else if (child.name == std::string_view("ssrc-group")) {
                check_count(d.source_groups.size(), "ssrc-groups");
                d.source_groups.push_back(parse_source_group(child));
            }
        }
    }
    for (auto& pt : d.payload_types) {
        if (!pt.ptime) pt.ptime = ptime;
        if (!pt.maxptime) pt.maxptime = maxptime;
    }
    return d;
}

Fingerprint parse_fingerprint(const Element& e) {
    Fingerprint f;
    f.hash = to_lower(required_attr(e, "hash"));
    f.setup = optional_attr(e, "setup");
    f.value = text_of(e);
    if (f.value.empty()) fail("fingerprint without value");
    return f;
}

bool is_fingerprint(const Element& e) {
    return e.name == std::string_view("fingerprint") && (e.ns == ns::dtls || e.ns == kOldDtlsNamespace);
}

std::uint64_t number_in(const Element& e, std::string_view name, const std::string& text, std::uint64_t max) {
    auto value = parse_uint(trim(text), max);
    if (!value) fail(e.name + " " + std::string(name) + " " + shown(text) + " is not a number in 0.." + std::to_string(max));
    return *value;
}

// Candidates are the most numerous elements: their attributes are read in one pass.
IceCandidate parse_ice_candidate(const Element& e) {
    IceCandidate c;
    c.id = attr_or_empty(e, "id");
    in_context([&] { return c.id.empty() ? std::string("candidate") : "candidate '" + c.id + "'"; }, [&] {
        bool component = false, foundation = false, ip = false, port = false, priority = false, protocol = false,
             type = false;
        for (const auto& a : e.attributes) {
            const std::string_view n = a.name;  // compared to literals by length first
            const std::string& v = a.value;
            if (!is_printable(v))
                fail("candidate attribute '" + a.name + "' contains a control character or invalid UTF-8");
            if (n == "component") {
                c.component = static_cast<unsigned>(number_in(e, n, v, 256));
                component = true;
            } else if (n == "foundation") {
                c.foundation = v;
                foundation = !v.empty();
            } else if (n == "generation") {
                c.generation = static_cast<unsigned>(number_in(e, n, v, UINT32_MAX));
            } else if (n == "ip") {
                c.ip = v;
                ip = !v.empty();
            } else if (n == "network" || (n == "network-id" && !c.network)) {  // network-id: Movim
                c.network = static_cast<unsigned>(number_in(e, n, v, UINT32_MAX));
            } else if (n == "port") {
                c.port = static_cast<std::uint16_t>(number_in(e, n, v, 65535));
                port = true;
            } else if (n == "priority") {
                c.priority = static_cast<std::uint32_t>(number_in(e, n, v, UINT32_MAX));
                priority = true;
            } else if (n == "protocol") {
                c.protocol = to_lower(v);
                protocol = !v.empty();
            } else if (n == "rel-addr") {
                c.rel_addr = v;
            } else if (n == "rel-port") {
                c.rel_port = static_cast<std::uint16_t>(number_in(e, n, v, 65535));
            } else if (n == "type") {
                c.type = to_lower(v);
                type = !v.empty();
            } else if (n == "tcptype") {
                c.tcptype = v;
            }
        }
        // Required attributes, reported in the order XEP-0176 lists them.
        for (auto [present, name] : {std::pair{component, "component"}, {foundation, "foundation"}, {ip, "ip"},
                                     {port, "port"}, {priority, "priority"}, {protocol, "protocol"}, {type, "type"}})
            if (!present) fail(std::string("candidate without ") + name);
    });
    return c;
}

IceUdpTransport parse_ice_transport(const Element& e, bool& rtcp_mux) {
    IceUdpTransport t;
    t.ufrag = optional_attr(e, "ufrag");
    t.pwd = optional_attr(e, "pwd");
    for (const auto& child : e.children) {
        if (child.name == std::string_view("candidate") && child.ns == ns::ice_udp) {
            if (t.candidates.size() >= limits::max_candidates) fail("more candidates than the limit");
            t.candidates.push_back(parse_ice_candidate(child));
        } else if (is_fingerprint(child)) {
            check_count(t.fingerprints.size(), "fingerprints");
            t.fingerprints.push_back(parse_fingerprint(child));
        } else if (child.name == std::string_view("rtcp-mux")) {
            rtcp_mux = true;  // Jitsi puts it in the transport
        }
    }
    return t;
}

RawUdpTransport parse_raw_transport(const Element& e) {
    RawUdpTransport t;
    for (const auto& child : e.children) {
        if (child.name == std::string_view("candidate") && child.ns == ns::raw_udp) {
            if (t.candidates.size() >= limits::max_candidates) fail("more candidates than the limit");
            RawUdpCandidate c;
            c.component = static_cast<unsigned>(number_attr(child, "component", 256));
            c.generation = optional_number<unsigned>(child, "generation", UINT32_MAX);
            c.id = attr_or_empty(child, "id");
            c.ip = required_attr(child, "ip");
            c.port = static_cast<std::uint16_t>(number_attr(child, "port", 65535));
            t.candidates.push_back(std::move(c));
        } else if (is_fingerprint(child)) {
            check_count(t.fingerprints.size(), "fingerprints");
            t.fingerprints.push_back(parse_fingerprint(child));
        }
    }
    return t;
}

Content parse_content(const Element& e) {
    Content c;
    auto name = optional_attr(e, "name");
    if (!name || name->empty()) fail("content without name");
    c.name = *name;
    in_context([&] { return "content '" + c.name + "'"; }, [&] {
        if (auto creator = optional_attr(e, "creator")) {
            auto role = role_from_string(*creator);
            if (!role) fail("creator " + shown(*creator) + " is not initiator or responder");
            c.creator = *role;
        }
        if (auto senders = optional_attr(e, "senders")) {
            auto value = senders_from_string(*senders);
            if (!value) fail("senders " + shown(*senders) + " is not both, initiator, responder or none");
            c.senders = *value;
        }
        c.disposition = optional_attr(e, "disposition");
        bool transport_rtcp_mux = false;
        for (const auto& child : e.children) {
            if (child.name == std::string_view("description")) {
                if (child.ns != ns::rtp) fail("description in namespace " + shown(child.ns) + " is not Jingle RTP");
                if (c.description) fail("more than one description");
                c.description = parse_description(child);
            } else if (child.name == std::string_view("transport")) {
                if (!std::holds_alternative<std::monostate>(c.transport)) fail("more than one transport");
                if (child.ns == ns::ice_udp) c.transport = parse_ice_transport(child, transport_rtcp_mux);
                else if (child.ns == ns::raw_udp) c.transport = parse_raw_transport(child);
                else fail("transport in namespace " + shown(child.ns) + " is not supported");
            }
        }
        if (transport_rtcp_mux && c.description) c.description->rtcp_mux = true;
    });
    return c;
}

ContentGroup parse_group(const Element& e) {
    ContentGroup g;
    g.semantics = required_attr(e, "semantics");
    for (const auto& child : e.children) {
        if (child.name != std::string_view("content")) continue;
        check_count(g.contents.size(), "contents in a group");
        g.contents.push_back(required_attr(child, "name"));
    }
    return g;
}

}  // namespace

Result<JingleSession> parse_jingle(const Element& jingle) {
    return guarded([&] {
        if (jingle.name != std::string_view("jingle") || jingle.ns != ns::jingle)
            fail("expected <jingle xmlns='" + std::string(ns::jingle) + "'>, found <" + jingle.name + ">");
        JingleSession s;
        s.action = required_attr(jingle, "action");
        s.sid = required_attr(jingle, "sid");
        s.initiator = attr_or_empty(jingle, "initiator");
        s.responder = attr_or_empty(jingle, "responder");
        for (const auto& child : jingle.children) {
            if (child.name == std::string_view("content") && child.ns == ns::jingle) {
                if (s.contents.size() >= limits::max_media_sections) fail("more contents than the limit");
                Content content = parse_content(child);
                if (s.find_content(content.name)) fail("two contents named '" + content.name + "'");
                s.contents.push_back(std::move(content));
            } else if (child.name == std::string_view("group") && child.ns == ns::grouping) {
                check_count(s.groups.size(), "groups");
                s.groups.push_back(parse_group(child));
            }
        }
        return s;
    });
}

const Element* find_jingle(const Element& root) {
    if (root.name == std::string_view("jingle") && root.ns == ns::jingle) return &root;
    if (root.name == std::string_view("iq")) return root.child("jingle", ns::jingle);
    return nullptr;
}

}  // namespace gw::media
