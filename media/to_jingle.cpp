// SDP -> Jingle.
#include <array>
#include <string>

#include "media/candidate_id.hpp"
#include "media/error.hpp"
#include "media/limits.hpp"
#include "media/sdp_attributes.hpp"
#include "media/static_payloads.hpp"
#include "media/text_rules.hpp"
#include "media/translate.hpp"

namespace gw::media {

namespace {

namespace sa = sdp_attr;

std::string where(unsigned line) { return line ? "line " + std::to_string(line) + ": " : std::string(); }

// Parses a typed attribute value, prefixing errors with the line it came from.
template <class Parse>
auto typed(const SdpAttribute& a, Parse parse) {
    if (!a.value) fail(where(a.line) + "a=" + a.name + ": missing value");
    try {
        return parse(*a.value);
    } catch (const MediaError& e) {
        throw MediaError(where(a.line) + e.what());
    }
}

std::optional<Direction> direction_in(const std::vector<SdpAttribute>& attributes) {
    for (const auto& a : attributes)
        if (!a.value)
            if (auto d = direction_from_string(a.name)) return d;
    return std::nullopt;
}

struct SessionFacts {
    const SdpSession& sdp;
    std::vector<ContentGroup> groups;
    std::optional<Direction> direction;
    bool extmap_allow_mixed = false;
};

// Transport attributes live in the section, in the section that carries the BUNDLE
// transport (RFC 8843 lets the others omit them), or at session level (baresip).
class TransportSource {
public:
    TransportSource(const SessionFacts& facts, const SdpMedia& m) : facts_(facts), media_(m) {
        const SdpAttribute* mid = m.find("mid");
        if (!mid || !mid->value) return;
        for (const auto& g : facts.groups) {
            if (g.semantics != "BUNDLE" || g.contents.empty()) continue;
            bool member = false;
            for (const auto& name : g.contents) member = member || name == *mid->value;
            if (!member) continue;
            for (const auto& other : facts.sdp.media) {
                const SdpAttribute* other_mid = other.find("mid");
                if (other_mid && other_mid->value == g.contents.front()) bundle_ = &other;
            }
        }
    }

    // All attributes of this name from the first level that has any.
    std::vector<const SdpAttribute*> all(std::string_view name) const {
        std::vector<const SdpAttribute*> found;
        for (const std::vector<SdpAttribute>* level : levels()) {
            if (!level) continue;
            for (const auto& a : *level)
                if (a.name == name) found.push_back(&a);
            if (!found.empty()) break;
        }
        return found;
    }

    const SdpAttribute* first(std::string_view name) const {
        for (const std::vector<SdpAttribute>* level : levels()) {
            if (!level) continue;
            for (const auto& a : *level)
                if (a.name == name) return &a;
        }
        return nullptr;
    }

private:
    std::array<const std::vector<SdpAttribute>*, 3> levels() const {
        return {&media_.attributes, bundle_ && bundle_ != &media_ ? &bundle_->attributes : nullptr,
                &facts_.sdp.attributes};
    }

    const SessionFacts& facts_;
    const SdpMedia& media_;
    const SdpMedia* bundle_ = nullptr;
};

std::string word_value(const SdpAttribute& a) {
    if (!a.value) fail(where(a.line) + "a=" + a.name + ": missing value");
    std::string_view v = trim(*a.value);
    if (v.empty() || v.find(' ') != std::string_view::npos || !is_printable(v)) {
        if (a.name == "ice-pwd") fail(where(a.line) + "a=ice-pwd: the value is not a single printable word");  // a secret
        fail(where(a.line) + "a=" + a.name + ": '" + std::string(v.substr(0, 60)) + "' is not a single printable word");
    }
    return std::string(v);
}

std::vector<Fingerprint> fingerprints_of(const TransportSource& source) {
    std::vector<Fingerprint> out;
    std::optional<std::string> setup;
    if (const SdpAttribute* s = source.first("setup")) {
        setup = word_value(*s);
        if (!sa::is_setup_role(*setup)) fail(where(s->line) + "a=setup: '" + setup->substr(0, 40) + "' is not actpass, active, passive or holdconn");
    }
    for (const SdpAttribute* a : source.all("fingerprint")) {
        Fingerprint f = typed(*a, sa::parse_fingerprint);
        f.setup = setup;
        out.push_back(std::move(f));
    }
    return out;
}

PayloadType* find_payload(RtpDescription& d, unsigned id) {
    for (auto& pt : d.payload_types)
        if (pt.id == id) return &pt;
    return nullptr;
}

Source& source_for(RtpDescription& d, std::uint32_t ssrc) {
    for (auto& s : d.sources)
        if (s.ssrc == ssrc) return s;
    d.sources.push_back({ssrc, {}});
    return d.sources.back();
}

HeaderExtension header_extension(const SdpAttribute& a, Role writer) {
    sa::Extmap e = typed(a, sa::parse_extmap);
    HeaderExtension h{e.id, e.uri, std::nullopt, e.parameters};
    if (e.direction) h.senders = senders_for(*e.direction, writer);
    return h;
}

RtpDescription description_of(const SessionFacts& facts, const SdpMedia& m, Role writer) {
    RtpDescription d;
    d.media = m.media;
    for (const auto& format : m.formats) {
        auto id = parse_uint(format, 127);
        if (!id) fail(where(m.line) + "m=: format '" + format.substr(0, 40) + "' is not an RTP payload type");
        if (find_payload(d, static_cast<unsigned>(*id))) fail(where(m.line) + "m=: payload type " + format + " listed twice");
        PayloadType pt;
        pt.id = static_cast<unsigned>(*id);
        if (auto known = static_payload(pt.id)) {
            pt.name = std::string(known->name);
            pt.clockrate = known->clockrate;
            pt.channels = known->channels;
        }
        d.payload_types.push_back(std::move(pt));
    }
    std::vector<bool> mapped(d.payload_types.size(), false);
    std::optional<unsigned> ptime, maxptime;
    d.extmap_allow_mixed = facts.extmap_allow_mixed;
    for (const auto& a : facts.sdp.attributes)  // session-level extmap applies to every section
        if (a.name == "extmap") d.header_extensions.push_back(header_extension(a, writer));
    for (const auto& a : m.attributes) {
        const std::string_view n = a.name;  // compared to literals by length first
        if (n == "rtpmap") {
            sa::Rtpmap r = typed(a, sa::parse_rtpmap);
            if (PayloadType* pt = find_payload(d, r.pt)) {
                pt->name = r.name;
                pt->clockrate = r.clockrate;
                pt->channels = r.channels;
                mapped[static_cast<std::size_t>(pt - d.payload_types.data())] = true;
            }
        } else if (n == "fmtp") {
            sa::Fmtp f = typed(a, sa::parse_fmtp);
            if (PayloadType* pt = find_payload(d, f.pt))
                for (auto& p : f.parameters) pt->parameters.push_back(std::move(p));
        } else if (n == "rtcp-fb") {
            sa::RtcpFb fb = typed(a, sa::parse_rtcp_fb);
            PayloadType* pt = fb.pt ? find_payload(d, *fb.pt) : nullptr;
            if (fb.pt && !pt) continue;  // feedback for a format this section does not list
            auto& feedback = pt ? pt->feedback : d.feedback;
            auto& trr = pt ? pt->trr_int : d.trr_int;
            if (fb.trr_int) trr.push_back(*fb.trr_int);
            else feedback.push_back(std::move(fb.feedback));
        } else if (n == "ptime" || n == "maxptime") {
            auto value = typed(a, [&](std::string_view v) {
                return static_cast<unsigned>(require_uint("a=" + std::string(n) + ": value", trim(v), UINT32_MAX));
            });
            (n == "ptime" ? ptime : maxptime) = value;
        } else if (n == "extmap") {
            d.header_extensions.push_back(header_extension(a, writer));
        } else if (n == "extmap-allow-mixed") {
            d.extmap_allow_mixed = true;
        } else if (n == "rtcp-mux") {
            d.rtcp_mux = true;
        } else if (n == "rtcp-rsize") {
            d.rtcp_reduced_size = true;
        } else if (n == "ssrc") {
            sa::Ssrc s = typed(a, sa::parse_ssrc);
            source_for(d, s.ssrc).parameters.push_back(std::move(s.attribute));
        } else if (n == "ssrc-group") {
            d.source_groups.push_back(typed(a, sa::parse_ssrc_group));
        } else if (n == "crypto") {
            if (!d.encryption) d.encryption = Encryption{};
            d.encryption->cryptos.push_back(typed(a, sa::parse_crypto));
        }
    }
    for (std::size_t i = 0; i < d.payload_types.size(); ++i) {
        PayloadType& pt = d.payload_types[i];
        if (!mapped[i] && pt.name.empty() && pt.id >= 96)
            fail(where(m.line) + "m=: dynamic payload type " + std::to_string(pt.id) + " has no a=rtpmap");
        pt.ptime = ptime;
        pt.maxptime = maxptime;
    }
    if (d.encryption) d.encryption->required = m.proto.find("SAVP") != std::string::npos;
    for (const auto& b : m.bandwidths) d.bandwidths.push_back({b.type, b.value});
    return d;
}

Transport transport_of(const SessionFacts& facts, const SdpMedia& m, const std::string& name) {
    TransportSource source(facts, m);
    std::vector<IceCandidate> candidates;
    for (const auto& a : m.attributes) {
        if (a.name != "candidate") continue;
        IceCandidate c = typed(a, sa::parse_candidate);
        c.id = make_candidate_id(name, c);
        if (!c.generation) c.generation = 0;  // XEP-0176 requires it
        candidates.push_back(std::move(c));
    }
    const SdpAttribute* ufrag = source.first("ice-ufrag");
    const SdpAttribute* pwd = source.first("ice-pwd");
    if (ufrag || pwd || !candidates.empty()) {
        IceUdpTransport ice;
        if (ufrag) ice.ufrag = word_value(*ufrag);
        if (pwd) ice.pwd = word_value(*pwd);
        ice.candidates = std::move(candidates);
        ice.fingerprints = fingerprints_of(source);
        return ice;
    }
    // No ICE: the peer sends and receives at c= and the m= port (XEP-0177 raw UDP).
    const SdpConnection* c = !m.connections.empty() ? &m.connections.front()
                                                    : (facts.sdp.connection ? &*facts.sdp.connection : nullptr);
    if (!c) fail(where(m.line) + "m=" + m.media + ": no c= line for the section or the session");
    if (!is_address(c->address)) fail(where(m.line) + "c=: '" + c->address.substr(0, 60) + "' is not a unicast address");
    RawUdpTransport raw;
    raw.candidates.push_back({1, 0, make_candidate_id(name, c->address, 1, m.port), c->address, m.port});
    if (const SdpAttribute* rtcp = m.find("rtcp")) {
        sa::Rtcp r = typed(*rtcp, sa::parse_rtcp);
        std::string ip = r.connection ? r.connection->address : c->address;
        raw.candidates.push_back({2, 0, make_candidate_id(name, ip, 2, r.port), ip, r.port});
    }
    raw.fingerprints = fingerprints_of(source);
    return raw;
}

// The Jingle side holds the same limits as parse_jingle, so that what is translated can be
// read back: an SDP section may hold up to 512 attributes.
void check_limits(const Content& c, const SdpMedia& m) {
    auto over = [&](std::size_t count, std::size_t limit, const char* what) {
        if (count > limit) fail(where(m.line) + "m=" + m.media + ": more " + what + " than the limit");
    };
    const RtpDescription& d = *c.description;
    over(d.feedback.size(), limits::max_list_items, "rtcp-fb lines");
    over(d.trr_int.size(), limits::max_list_items, "trr-int lines");
    over(d.header_extensions.size(), limits::max_list_items, "extmap lines");
    over(d.sources.size(), limits::max_list_items, "sources");
    over(d.source_groups.size(), limits::max_list_items, "ssrc-groups");
    over(d.bandwidths.size(), limits::max_list_items, "bandwidth lines");
    if (d.encryption) over(d.encryption->cryptos.size(), limits::max_list_items, "crypto lines");
    for (const auto& pt : d.payload_types) {
        over(pt.parameters.size(), limits::max_list_items, "fmtp parameters");
        over(pt.feedback.size(), limits::max_list_items, "rtcp-fb lines");
        over(pt.trr_int.size(), limits::max_list_items, "trr-int lines");
    }
    for (const auto& source : d.sources) over(source.parameters.size(), limits::max_list_items, "ssrc lines for one source");
    for (const auto& group : d.source_groups) over(group.ssrcs.size(), limits::max_list_items, "sources in an ssrc-group");
    if (const auto* ice = std::get_if<IceUdpTransport>(&c.transport)) {
        over(ice->candidates.size(), limits::max_candidates, "candidates");
        over(ice->fingerprints.size(), limits::max_list_items, "fingerprints");
    }
}

Content content_of(const SessionFacts& facts, const SdpMedia& m, std::string name, Role writer) {
    Content c;
    c.name = std::move(name);
    if (!is_printable(c.name) || c.name.find(' ') != std::string::npos || c.name.empty()) {
        const SdpAttribute* mid = m.find("mid");
        fail(where(mid ? mid->line : m.line) + "a=mid: '" + c.name.substr(0, 40) + "' is not a single printable word");
    }
    auto direction = direction_in(m.attributes);
    if (!direction) direction = facts.direction;
    c.senders = senders_for(direction.value_or(Direction::sendrecv), writer);
    c.description = description_of(facts, m, writer);
    c.transport = transport_of(facts, m, c.name);
    check_limits(c, m);
    return c;
}

bool is_rejected(const SdpMedia& m) { return m.port == 0 && !m.has("bundle-only"); }


}  // namespace

bool is_rtp_protocol(std::string_view proto) { return proto.find("RTP/") != std::string_view::npos; }

std::string content_name_for(const SdpSession& sdp, std::size_t index) {
    const SdpMedia& m = sdp.media.at(index);
    if (const SdpAttribute* mid = m.find("mid"); mid && mid->value) return std::string(trim(*mid->value));
    std::size_t same_media = 0;
    for (const auto& other : sdp.media)
        if (other.media == m.media) ++same_media;
    if (same_media == 1) return m.media;
    return m.media + "-" + std::to_string(index);
}

Result<JingleSession> sdp_to_jingle(const SdpSession& sdp, const ToJingleOptions& options) {
    return guarded([&] {
        if (options.sid.empty()) fail("no sid for the Jingle session");
        JingleSession session{options.action, options.sid, options.initiator, options.responder, {}, {}};
        SessionFacts facts{sdp, {}, direction_in(sdp.attributes), sdp.has("extmap-allow-mixed")};
        for (const auto& a : sdp.attributes)
            if (a.name == "group") facts.groups.push_back(typed(a, sa::parse_group));
        if (options.offer && options.offer->contents.size() != sdp.media.size())
            fail("the answer has " + std::to_string(sdp.media.size()) + " m= sections, the offer had " +
                 std::to_string(options.offer->contents.size()) + " contents");
        for (std::size_t i = 0; i < sdp.media.size(); ++i) {
            const SdpMedia& m = sdp.media[i];
            if (!is_rtp_protocol(m.proto) || is_rejected(m)) continue;
            std::string name = content_name_for(sdp, i);
            if (options.offer && !m.has("mid")) name = options.offer->contents[i].name;
            if (session.find_content(name)) fail(where(m.line) + "two m= sections named '" + name + "'");
            session.contents.push_back(content_of(facts, m, std::move(name), options.writer));
        }
        for (auto& g : facts.groups) {
            ContentGroup kept{g.semantics, {}};
            for (auto& name : g.contents)
                if (session.find_content(name)) kept.contents.push_back(std::move(name));
            if (!kept.contents.empty()) session.groups.push_back(std::move(kept));
        }
        return session;
    });
}

}  // namespace gw::media
