#include "sdp_view.hpp"

#include <algorithm>

#include "media/sdp_attributes.hpp"
#include "media/static_payloads.hpp"
#include "media/text_rules.hpp"
#include "media/translate.hpp"

namespace gw::media::test {

namespace {

namespace sa = sdp_attr;

const SdpAttribute* level(const SdpSession& sdp, const SdpMedia& m, const char* name) {
    if (const auto* a = m.find(name)) return a;
    return sdp.find(name);
}

std::vector<const SdpAttribute*> all_at_level(const SdpSession& sdp, const SdpMedia& m, const char* name) {
    std::vector<const SdpAttribute*> out;
    for (const auto& a : m.attributes)
        if (a.name == name) out.push_back(&a);
    if (!out.empty()) return out;
    for (const auto& a : sdp.attributes)
        if (a.name == name) out.push_back(&a);
    return out;
}

std::string direction_of(const std::vector<SdpAttribute>& attributes) {
    for (const auto& a : attributes)
        if (!a.value && direction_from_string(a.name)) return a.name;
    return {};
}

std::string params(const std::vector<Parameter>& ps) {
    std::string out;
    for (const auto& p : ps) out += p.name + (p.value ? "=" + *p.value : std::string()) + ";";
    return out;
}

SectionView section_of(const SdpSession& sdp, const SdpMedia& m) {
    SectionView v;
    v.media = m.media;
    v.security = m.proto.find("TLS") != std::string::npos ? "dtls"
                 : (m.proto.find("SAVP") != std::string::npos || m.has("crypto")) ? "sdes" : "plain";
    if (const auto* mid = m.find("mid")) v.mid = mid->value;
    v.direction = direction_of(m.attributes);
    if (v.direction.empty()) v.direction = direction_of(sdp.attributes);
    if (v.direction.empty()) v.direction = "sendrecv";
    v.formats = m.formats;
    for (const auto& f : m.formats) {
        unsigned pt = static_cast<unsigned>(std::stoul(f));
        std::string mapped;
        for (const auto& a : m.attributes) {
            if (a.name != "rtpmap") continue;
            auto r = sa::parse_rtpmap(*a.value);
            if (r.pt == pt) mapped = r.name + "/" + std::to_string(r.clockrate) + (r.channels ? "/" + std::to_string(*r.channels) : "");
        }
        if (mapped.empty())
            if (auto known = static_payload(pt))
                mapped = std::string(known->name) + "/" + std::to_string(known->clockrate) +
                         (known->channels ? "/" + std::to_string(*known->channels) : "");
        v.rtpmaps.push_back(f + " " + mapped);
    }
    for (const auto& a : m.attributes) {
        const auto& n = a.name;
        if (n == "fmtp") {
            auto f = sa::parse_fmtp(*a.value);
            v.fmtps.push_back(std::to_string(f.pt) + " " + params(f.parameters));
        } else if (n == "ptime") {
            v.ptime = std::string(trim(*a.value));
        } else if (n == "maxptime") {
            v.maxptime = std::string(trim(*a.value));
        } else if (n == "rtcp-fb") {
            auto fb = sa::parse_rtcp_fb(*a.value);
            v.rtcp_fbs.push_back(fb.trr_int ? sa::render_trr_int(fb.pt, *fb.trr_int) : sa::render_rtcp_fb(fb.pt, fb.feedback));
        } else if (n == "extmap") {
            v.extmaps.push_back(sa::render_extmap(sa::parse_extmap(*a.value)));
        } else if (n == "rtcp-mux") {
            v.rtcp_mux = true;
        } else if (n == "rtcp-rsize") {
            v.rtcp_rsize = true;
        } else if (n == "ssrc") {
            auto s = sa::parse_ssrc(*a.value);
            v.ssrcs.push_back(sa::render_ssrc(s.ssrc, s.attribute));
        } else if (n == "ssrc-group") {
            v.ssrc_groups.push_back(sa::render_ssrc_group(sa::parse_ssrc_group(*a.value)));
        } else if (n == "crypto") {
            v.cryptos.push_back(sa::render_crypto(sa::parse_crypto(*a.value)));
        } else if (n == "candidate") {
            auto c = sa::parse_candidate(*a.value);
            if (!c.generation) c.generation = 0;
            v.candidates.push_back(sa::render_candidate(c));
        }
    }
    v.extmap_allow_mixed = m.has("extmap-allow-mixed") || sdp.has("extmap-allow-mixed");
    for (const auto& a : sdp.attributes)
        if (a.name == "extmap") v.extmaps.insert(v.extmaps.begin(), sa::render_extmap(sa::parse_extmap(*a.value)));
    std::sort(v.fmtps.begin(), v.fmtps.end());  // fmtp lines of different formats have no order
    std::sort(v.rtcp_fbs.begin(), v.rtcp_fbs.end());
    std::sort(v.ssrcs.begin(), v.ssrcs.end());
    for (const auto& b : m.bandwidths) v.bandwidths.push_back(b.type + ":" + std::to_string(b.value));
    if (const auto* u = level(sdp, m, "ice-ufrag")) v.ufrag = std::string(trim(*u->value));
    if (const auto* p = level(sdp, m, "ice-pwd")) v.pwd = std::string(trim(*p->value));
    for (const auto* f : all_at_level(sdp, m, "fingerprint")) {
        auto fp = sa::parse_fingerprint(*f->value);
        v.fingerprints.push_back(fp.hash + " " + fp.value);
    }
    if (const auto* s = level(sdp, m, "setup")) v.setup = std::string(trim(*s->value));
    if (!v.ufrag && !v.pwd && v.candidates.empty()) {
        const SdpConnection* c = !m.connections.empty() ? &m.connections.front() : (sdp.connection ? &*sdp.connection : nullptr);
        v.raw_address = (c ? c->address : std::string("?")) + " " + std::to_string(m.port);
        if (const auto* r = m.find("rtcp")) {
            auto rtcp = sa::parse_rtcp(*r->value);
            v.raw_rtcp = (rtcp.connection ? rtcp.connection->address : (c ? c->address : std::string("?"))) + " " +
                         std::to_string(rtcp.port);
        }
    }
    return v;
}

template <class T>
void compare(std::vector<std::string>& out, const std::string& where, const char* field, const T& a, const T& b) {
    if (!(a == b)) out.push_back(where + ": " + field + " differs");
}

}  // namespace

SdpView view_of(const SdpSession& sdp) {
    SdpView view;
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < sdp.media.size(); ++i) {
        const SdpMedia& m = sdp.media[i];
        if (!is_rtp_protocol(m.proto) || (m.port == 0 && !m.has("bundle-only"))) continue;
        view.sections.push_back(section_of(sdp, m));
        kept.push_back(content_name_for(sdp, i));
    }
    for (const auto& a : sdp.attributes) {
        if (a.name != "group") continue;
        auto g = sa::parse_group(*a.value);
        std::string line = g.semantics;
        for (const auto& mid : g.contents)
            if (std::find(kept.begin(), kept.end(), mid) != kept.end()) line += " " + mid;
        view.groups.push_back(line);
    }
    return view;
}

std::vector<std::string> differences(const SdpView& before, const SdpView& after) {
    std::vector<std::string> out;
    compare(out, "session", "a=group", before.groups, after.groups);
    if (before.sections.size() != after.sections.size()) {
        out.push_back("section count " + std::to_string(before.sections.size()) + " -> " +
                      std::to_string(after.sections.size()));
        return out;
    }
    for (std::size_t i = 0; i < before.sections.size(); ++i) {
        const auto& a = before.sections[i];
        const auto& b = after.sections[i];
        const std::string w = "section " + std::to_string(i) + " (" + a.media + ")";
        compare(out, w, "media", a.media, b.media);
        compare(out, w, "security", a.security, b.security);
        if (a.mid) compare(out, w, "mid", a.mid, b.mid);
        compare(out, w, "direction", a.direction, b.direction);
        compare(out, w, "formats", a.formats, b.formats);
        compare(out, w, "rtpmap", a.rtpmaps, b.rtpmaps);
        compare(out, w, "fmtp", a.fmtps, b.fmtps);
        compare(out, w, "ptime", a.ptime, b.ptime);
        compare(out, w, "maxptime", a.maxptime, b.maxptime);
        compare(out, w, "rtcp-fb", a.rtcp_fbs, b.rtcp_fbs);
        compare(out, w, "extmap", a.extmaps, b.extmaps);
        compare(out, w, "extmap-allow-mixed", a.extmap_allow_mixed, b.extmap_allow_mixed);
        compare(out, w, "rtcp-mux", a.rtcp_mux, b.rtcp_mux);
        compare(out, w, "rtcp-rsize", a.rtcp_rsize, b.rtcp_rsize);
        compare(out, w, "ssrc", a.ssrcs, b.ssrcs);
        compare(out, w, "ssrc-group", a.ssrc_groups, b.ssrc_groups);
        compare(out, w, "b=", a.bandwidths, b.bandwidths);
        compare(out, w, "crypto", a.cryptos, b.cryptos);
        compare(out, w, "ice-ufrag", a.ufrag, b.ufrag);
        compare(out, w, "ice-pwd", a.pwd, b.pwd);
        compare(out, w, "candidates", a.candidates, b.candidates);
        compare(out, w, "fingerprint", a.fingerprints, b.fingerprints);
        compare(out, w, "setup", a.setup, b.setup);
        compare(out, w, "c=/port", a.raw_address, b.raw_address);
        compare(out, w, "a=rtcp", a.raw_rtcp, b.raw_rtcp);
    }
    return out;
}

}  // namespace gw::media::test
