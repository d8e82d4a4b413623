// Jingle -> SDP.
#include <string>

#include "media/error.hpp"
#include "media/limits.hpp"
#include "media/sdp_attributes.hpp"
#include "media/static_payloads.hpp"
#include "media/text_rules.hpp"
#include "media/translate.hpp"

#include <tuple>

namespace gw::media {

namespace {

namespace sa = sdp_attr;

SdpConnection connection_for(std::string_view ip) {
    return {"IN", is_ipv6(ip) ? "IP6" : "IP4", std::string(ip)};
}

int reachability(std::string_view type) {
    if (type == "relay") return 3;
    if (type == "srflx") return 2;
    if (type == "prflx") return 1;
    return 0;
}

// The default candidate of RFC 8839 §4.2.1.2: a UDP candidate of component 1 most likely to
// work without ICE: IPv4 before IPv6 (dual-stack browsers rank IPv6 first, but many SIP phones
// speak only IPv4 and refuse an IP6 c= line outright), then relay, server reflexive, host, then
// the highest priority.
const IceCandidate* default_candidate(const IceUdpTransport& ice) {
    const IceCandidate* best = nullptr;
    auto rank = [](const IceCandidate& c) {
        return std::tuple(is_ipv4(c.ip) ? 1 : 0, reachability(c.type), c.priority);
    };
    for (const auto& c : ice.candidates) {
        if (c.component != 1 || c.protocol != "udp" || !is_ip_address(c.ip))
            continue;  // host names (mDNS) cannot go into c=
        if (!best || rank(c) > rank(*best)) best = &c;
    }
    return best;
}

std::string proto_for(const Content& content) {
    const RtpDescription& d = *content.description;
    const std::vector<Fingerprint>* fingerprints = nullptr;
    if (const auto* ice = std::get_if<IceUdpTransport>(&content.transport)) fingerprints = &ice->fingerprints;
    if (const auto* raw = std::get_if<RawUdpTransport>(&content.transport)) fingerprints = &raw->fingerprints;
    if (fingerprints && !fingerprints->empty()) return "UDP/TLS/RTP/SAVPF";
    const bool sdes = d.encryption && !d.encryption->cryptos.empty() && d.encryption->required.value_or(true);
    std::string proto = sdes ? "RTP/SAVP" : "RTP/AVP";
    if (d.uses_feedback()) proto += 'F';
    return proto;
}

void add_fingerprints(SdpMedia& m, const std::vector<Fingerprint>& fingerprints) {
    const std::string* setup = nullptr;
    for (const auto& f : fingerprints) {
        m.add("fingerprint", sa::render_fingerprint(f));
        if (!setup && f.setup) setup = &*f.setup;
    }
    if (setup) {
        if (!sa::is_setup_role(*setup)) fail("fingerprint setup '" + setup->substr(0, 40) + "' is not actpass, active, passive or holdconn");
        m.add("setup", *setup);
    }
}

void add_ice_transport(SdpMedia& m, const IceUdpTransport& ice, bool trickle) {
    if (const IceCandidate* def = default_candidate(ice)) {
        m.port = def->port;
        m.connections.push_back(connection_for(def->ip));
        for (const auto& c : ice.candidates) {
            if (c.component == 2 && c.foundation == def->foundation && c.protocol == "udp" && c.ip == def->ip) {
                m.add("rtcp", sa::render_rtcp({c.port, connection_for(c.ip)}));
                break;
            }
        }
    } else {
        m.port = 9;  // RFC 8840 §4.1.1: no candidates yet
        m.connections.push_back({"IN", "IP4", "0.0.0.0"});
    }
    for (const auto& c : ice.candidates) m.add("candidate", sa::render_candidate(c));
    if (ice.ufrag) {
        check_word("ufrag", *ice.ufrag);
        m.add("ice-ufrag", *ice.ufrag);
    }
    if (ice.pwd) {
        check_word("pwd", *ice.pwd);
        m.add("ice-pwd", *ice.pwd);
    }
    if (trickle) m.add("ice-options", "trickle");
    add_fingerprints(m, ice.fingerprints);
}

void add_raw_transport(SdpMedia& m, const RawUdpTransport& raw) {
    const RawUdpCandidate* rtp = nullptr;
    const RawUdpCandidate* rtcp = nullptr;
    for (const auto& c : raw.candidates) {
        if (!is_address(c.ip)) fail("raw-udp candidate address '" + c.ip.substr(0, 60) + "' is not an IP address or host name");
        if (c.component == 1 && !rtp) rtp = &c;
        if (c.component == 2 && !rtcp) rtcp = &c;
    }
    if (!rtp) fail("raw-udp transport without a component 1 candidate");
    m.port = rtp->port;
    m.connections.push_back(connection_for(rtp->ip));
    if (rtcp) {
        sa::Rtcp line{rtcp->port, std::nullopt};
        if (rtcp->ip != rtp->ip) line.connection = connection_for(rtcp->ip);
        m.add("rtcp", sa::render_rtcp(line));
    }
    add_fingerprints(m, raw.fingerprints);
}

void add_rtpmap(SdpMedia& m, const PayloadType& pt) {
    if (pt.name.empty()) {
        if (!static_payload(pt.id)) fail("payload-type " + std::to_string(pt.id) + " has no name");
        return;  // a static type may go without a=rtpmap
    }
    if (pt.clockrate) {
        m.add("rtpmap", sa::render_rtpmap(pt));
        return;
    }
    auto known = static_payload(pt.id);
    if (!known) fail("payload-type " + std::to_string(pt.id) + " has no clockrate");
    PayloadType filled = pt;
    filled.clockrate = known->clockrate;
    if (!filled.channels) filled.channels = known->channels;
    m.add("rtpmap", sa::render_rtpmap(filled));
}

void add_description(SdpMedia& m, const RtpDescription& d, Senders senders, Role writer) {
    for (const auto& h : d.header_extensions) {
        sa::Extmap e{h.id, std::nullopt, h.uri, h.parameters};
        if (h.senders) e.direction = direction_for(*h.senders, writer);
        m.add("extmap", sa::render_extmap(e));
    }
    if (d.extmap_allow_mixed) m.add("extmap-allow-mixed");
    m.add(std::string(to_string(direction_for(senders, writer))));
    if (d.rtcp_mux) m.add("rtcp-mux");
    if (d.rtcp_reduced_size) m.add("rtcp-rsize");
    const PayloadType* with_ptime = nullptr;
    const PayloadType* with_maxptime = nullptr;
    for (const auto& pt : d.payload_types) {
        add_rtpmap(m, pt);
        for (const auto& fb : pt.feedback) m.add("rtcp-fb", sa::render_rtcp_fb(pt.id, fb));
        for (auto v : pt.trr_int) m.add("rtcp-fb", sa::render_trr_int(pt.id, v));
        if (!pt.parameters.empty()) m.add("fmtp", sa::render_fmtp(pt.id, pt.parameters));
        if (pt.ptime && !with_ptime) with_ptime = &pt;
        if (pt.maxptime && !with_maxptime) with_maxptime = &pt;
    }
    for (const auto& fb : d.feedback) m.add("rtcp-fb", sa::render_rtcp_fb(std::nullopt, fb));
    for (auto v : d.trr_int) m.add("rtcp-fb", sa::render_trr_int(std::nullopt, v));
    // SDP has one packet time per m= section; Jingle one per payload type: the first one wins.
    if (with_ptime) m.add("ptime", std::to_string(*with_ptime->ptime));
    if (with_maxptime) m.add("maxptime", std::to_string(*with_maxptime->maxptime));
    if (d.encryption)
        for (const auto& c : d.encryption->cryptos) m.add("crypto", sa::render_crypto(c));
    for (const auto& g : d.source_groups) m.add("ssrc-group", sa::render_ssrc_group(g));
    for (const auto& s : d.sources)
        for (const auto& p : s.parameters) m.add("ssrc", sa::render_ssrc(s.ssrc, p));
    for (const auto& b : d.bandwidths) {
        if (!is_token(b.type)) fail("bandwidth type '" + b.type.substr(0, 40) + "' is not a token");
        m.bandwidths.push_back({b.type, b.value});
    }
}

SdpMedia content_to_media(const Content& content, const ToSdpOptions& options, bool with_mid) {
    return in_context([&] { return "content '" + content.name + "'"; }, [&] {
        if (!content.description) fail("no RTP description");
        const RtpDescription& d = *content.description;
        if (!is_token(d.media)) fail("media '" + d.media.substr(0, 40) + "' is not a token");
        if (d.payload_types.empty()) fail("no payload types");
        SdpMedia m;
        m.attributes.reserve(16 + 3 * d.payload_types.size() + d.header_extensions.size() + 2 * d.sources.size());
        m.media = d.media;
        m.proto = proto_for(content);
        for (const auto& pt : d.payload_types) m.formats.push_back(std::to_string(pt.id));
        if (const auto* ice = std::get_if<IceUdpTransport>(&content.transport)) {
            add_ice_transport(m, *ice, options.ice_trickle);
        } else if (const auto* raw = std::get_if<RawUdpTransport>(&content.transport)) {
            add_raw_transport(m, *raw);
        } else {
            m.port = 9;
            m.connections.push_back({"IN", "IP4", "0.0.0.0"});
        }
        if (with_mid) {
            check_word("name", content.name);
            m.add("mid", content.name);
        }
        add_description(m, d, content.senders, options.writer);
        // What is sent must be readable by the same limits it is read with.
        if (m.attributes.size() > limits::max_attributes_per_section)
            fail("more SDP attributes than the limit of " + std::to_string(limits::max_attributes_per_section));
        return m;
    });
}

// An m= section the answer declines (RFC 3264 §6): same media and protocol, port 0.
SdpMedia rejected(const SdpMedia& offered) {
    SdpMedia m;
    m.media = offered.media;
    m.proto = offered.proto;
    m.formats = offered.formats;
    if (m.formats.size() > 1) m.formats.resize(1);
    if (const auto* mid = offered.find("mid")) m.attributes.push_back({"mid", mid->value, 0});
    return m;
}

bool offer_uses_mid(const SdpSession& offer) {
    for (const auto& m : offer.media)
        if (m.has("mid")) return true;
    return false;
}

}  // namespace

Result<SdpSession> jingle_to_sdp(const JingleSession& session, const ToSdpOptions& options) {
    return guarded([&] {
        if (session.contents.size() > limits::max_media_sections) fail("more contents than the limit");
        SdpSession sdp;
        sdp.origin = options.origin;
        sdp.name = options.session_name;
        const bool with_groups = !options.offer || offer_uses_mid(*options.offer);
        if (with_groups)
            for (const auto& g : session.groups) sdp.add("group", sa::render_group(g));
        if (!options.offer) {
            for (const auto& content : session.contents) sdp.media.push_back(content_to_media(content, options, true));
            return sdp;
        }
        const SdpSession& offer = *options.offer;
        std::size_t used = 0;
        for (std::size_t i = 0; i < offer.media.size(); ++i) {
            const Content* content = session.find_content(content_name_for(offer, i));
            if (content && content->description) {
                sdp.media.push_back(content_to_media(*content, options, offer.media[i].has("mid")));
                ++used;
            } else {
                sdp.media.push_back(rejected(offer.media[i]));
            }
        }
        if (used != session.contents.size()) {
            for (const auto& content : session.contents) {
                bool found = false;
                for (std::size_t i = 0; i < offer.media.size() && !found; ++i)
                    found = content_name_for(offer, i) == content.name;
                if (!found) fail("content '" + content.name + "' is not in the offer");
            }
        }
        return sdp;
    });
}

}  // namespace gw::media
