#include <string>

#include "media/error.hpp"
#include "media/jingle_xml.hpp"

namespace gw::media {

namespace {

std::string str(std::string_view text) { return std::string(text); }

// `attributes`: how many the caller will add, so the vector is allocated once.
Element& add(Element& parent, std::string_view name, std::string_view element_ns, std::size_t attributes = 0) {
    Element& child = parent.add_child(str(name), str(element_ns));
    child.attributes.reserve(attributes);
    return child;
}

void render_fmtp_parameter(Element& parent, const Parameter& p, BareTokenStyle style) {
    Element& e = add(parent, "parameter", parent.ns, 2);
    if (p.value) {
        e.add_attribute("name", p.name);
        e.add_attribute("value", *p.value);
    } else if (style == BareTokenStyle::empty_name) {
        e.add_attribute("name", "");
        e.add_attribute("value", p.name);
    } else {
        e.add_attribute("name", p.name);
    }
}

void render_plain_parameter(Element& parent, const Parameter& p) {
    Element& e = add(parent, "parameter", parent.ns, 2);
    e.add_attribute("name", p.name);
    if (p.value) e.add_attribute("value", *p.value);
}

template <class Owner>
void render_feedback(Element& parent, const Owner& owner) {
    for (const auto& fb : owner.feedback) {
        Element& e = add(parent, "rtcp-fb", ns::rtcp_fb, 2);
        e.add_attribute("type", fb.type);
        if (fb.subtype) e.add_attribute("subtype", *fb.subtype);
        for (const auto& p : fb.parameters) render_plain_parameter(e, p);
    }
    for (auto value : owner.trr_int) add(parent, "rtcp-fb-trr-int", ns::rtcp_fb, 1).add_attribute("value", std::to_string(value));
}

void render_payload_type(Element& description, const PayloadType& pt, const JingleRenderOptions& options) {
    Element& e = add(description, "payload-type", ns::rtp, 6);
    e.children.reserve(pt.parameters.size() + pt.feedback.size() + pt.trr_int.size());
    e.add_attribute("id", std::to_string(pt.id));
    if (!pt.name.empty()) e.add_attribute("name", pt.name);
    if (pt.clockrate) e.add_attribute("clockrate", std::to_string(*pt.clockrate));
    if (pt.channels) e.add_attribute("channels", std::to_string(*pt.channels));
    if (pt.ptime) e.add_attribute("ptime", std::to_string(*pt.ptime));
    if (pt.maxptime) e.add_attribute("maxptime", std::to_string(*pt.maxptime));
    for (const auto& p : pt.parameters) render_fmtp_parameter(e, p, options.bare_tokens);
    render_feedback(e, pt);
}

void render_description(Element& content, const RtpDescription& d, const JingleRenderOptions& options) {
    Element& e = add(content, "description", ns::rtp, 2);
    e.children.reserve(d.payload_types.size() + d.header_extensions.size() + d.sources.size() + d.source_groups.size() +
                       d.feedback.size() + d.bandwidths.size() + 4);
    e.add_attribute("media", d.media);
    if (d.ssrc) e.add_attribute("ssrc", std::to_string(*d.ssrc));
    for (const auto& pt : d.payload_types) render_payload_type(e, pt, options);
    render_feedback(e, d);
    for (const auto& h : d.header_extensions) {
        Element& x = add(e, "rtp-hdrext", ns::rtp_hdrext, 3);
        x.add_attribute("id", std::to_string(h.id));
        x.add_attribute("uri", h.uri);
        if (h.senders) x.add_attribute("senders", str(to_string(*h.senders)));
        for (const auto& p : h.parameters) render_plain_parameter(x, p);
    }
    if (d.extmap_allow_mixed) add(e, "extmap-allow-mixed", ns::rtp_hdrext);
    for (const auto& group : d.source_groups) {
        Element& g = add(e, "ssrc-group", ns::ssma, 1);
        g.add_attribute("semantics", group.semantics);
        for (auto ssrc : group.ssrcs) add(g, "source", ns::ssma, 1).add_attribute("ssrc", std::to_string(ssrc));
    }
    for (const auto& source : d.sources) {
        Element& s = add(e, "source", ns::ssma, 1);
        s.children.reserve(source.parameters.size());
        s.add_attribute("ssrc", std::to_string(source.ssrc));
        for (const auto& p : source.parameters) render_plain_parameter(s, p);
    }
    for (const auto& b : d.bandwidths) {
        Element& x = add(e, "bandwidth", ns::rtp, 1);
        x.add_attribute("type", b.type);
        x.text = std::to_string(b.value);
    }
    if (d.encryption) {
        Element& x = add(e, "encryption", ns::rtp, 1);
        if (d.encryption->required) x.add_attribute("required", *d.encryption->required ? "1" : "0");
        for (const auto& c : d.encryption->cryptos) {
            Element& y = add(x, "crypto", ns::rtp, 4);
            y.add_attribute("crypto-suite", c.suite);
            y.add_attribute("key-params", c.key_params);
            if (c.session_params) y.add_attribute("session-params", *c.session_params);
            y.add_attribute("tag", c.tag);
        }
    }
    if (d.rtcp_mux) add(e, "rtcp-mux", ns::rtp);
    if (d.rtcp_reduced_size) add(e, "rtcp-reduced-size", ns::rtp);
}

void render_fingerprints(Element& transport, const std::vector<Fingerprint>& fingerprints) {
    for (const auto& f : fingerprints) {
        Element& e = add(transport, "fingerprint", ns::dtls, 2);
        e.add_attribute("hash", f.hash);
        if (f.setup) e.add_attribute("setup", *f.setup);
        e.text = f.value;
    }
}

void render_transport(Element& content, const Transport& transport) {
    if (const auto* ice = std::get_if<IceUdpTransport>(&transport)) {
        Element& e = add(content, "transport", ns::ice_udp, 2);
        e.children.reserve(ice->candidates.size() + ice->fingerprints.size());
        if (ice->ufrag) e.add_attribute("ufrag", *ice->ufrag);
        if (ice->pwd) e.add_attribute("pwd", *ice->pwd);
        render_fingerprints(e, ice->fingerprints);
        for (const auto& c : ice->candidates) {
            Element& x = add(e, "candidate", ns::ice_udp, 13);
            x.add_attribute("component", std::to_string(c.component));
            x.add_attribute("foundation", c.foundation);
            if (c.generation) x.add_attribute("generation", std::to_string(*c.generation));
            if (!c.id.empty()) x.add_attribute("id", c.id);
            x.add_attribute("ip", c.ip);
            if (c.network) x.add_attribute("network", std::to_string(*c.network));
            x.add_attribute("port", std::to_string(c.port));
            x.add_attribute("priority", std::to_string(c.priority));
            x.add_attribute("protocol", c.protocol);
            if (c.rel_addr) x.add_attribute("rel-addr", *c.rel_addr);
            if (c.rel_port) x.add_attribute("rel-port", std::to_string(*c.rel_port));
            if (c.tcptype) x.add_attribute("tcptype", *c.tcptype);
            x.add_attribute("type", c.type);
        }
    } else if (const auto* raw = std::get_if<RawUdpTransport>(&transport)) {
        Element& e = add(content, "transport", ns::raw_udp);
        e.children.reserve(raw->candidates.size() + raw->fingerprints.size());
        render_fingerprints(e, raw->fingerprints);
        for (const auto& c : raw->candidates) {
            Element& x = add(e, "candidate", ns::raw_udp, 5);
            x.add_attribute("component", std::to_string(c.component));
            if (c.generation) x.add_attribute("generation", std::to_string(*c.generation));
            if (!c.id.empty()) x.add_attribute("id", c.id);
            x.add_attribute("ip", c.ip);
            x.add_attribute("port", std::to_string(c.port));
        }
    }
}

}  // namespace

Result<Element> render_jingle(const JingleSession& session, const JingleRenderOptions& options) {
    return guarded([&] {
        if (session.action.empty()) fail("jingle without action");
        if (session.sid.empty()) fail("jingle without sid");
        Element jingle("jingle", str(ns::jingle));
        jingle.attributes.reserve(4);
        jingle.add_attribute("action", session.action);
        if (!session.initiator.empty()) jingle.add_attribute("initiator", session.initiator);
        if (!session.responder.empty()) jingle.add_attribute("responder", session.responder);
        jingle.add_attribute("sid", session.sid);
        jingle.children.reserve(session.contents.size() + session.groups.size());
        for (const auto& c : session.contents) {
            if (c.name.empty()) fail("content without name");
            Element& e = add(jingle, "content", ns::jingle, 4);
            e.children.reserve(2);
            e.add_attribute("creator", str(to_string(c.creator)));
            e.add_attribute("name", c.name);
            e.add_attribute("senders", str(to_string(c.senders)));
            if (c.disposition) e.add_attribute("disposition", *c.disposition);
            if (c.description) render_description(e, *c.description, options);
            render_transport(e, c.transport);
        }
        for (const auto& g : session.groups) {
            Element& e = add(jingle, "group", ns::grouping, 1);
            e.children.reserve(g.contents.size());
            e.add_attribute("semantics", g.semantics);
            for (const auto& name : g.contents) add(e, "content", ns::grouping, 1).add_attribute("name", name);
        }
        return jingle;
    });
}

}  // namespace gw::media
