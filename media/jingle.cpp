#include "media/jingle.hpp"

#include <algorithm>
#include <utility>

#include "media/error.hpp"
#include "media/limits.hpp"

namespace gw::media {

namespace {

// Candidates are the same when everything but the Jingle id matches.
bool same_candidate(const IceCandidate& a, const IceCandidate& b) {
    IceCandidate x = a;
    x.id = b.id;
    return x == b;
}

void add_to(Content& content, IceCandidate candidate) {
    if (std::holds_alternative<RawUdpTransport>(content.transport))
        fail("content '" + content.name + "': cannot add an ICE candidate to a raw-udp transport");
    if (std::holds_alternative<std::monostate>(content.transport)) content.transport = IceUdpTransport{};
    auto& ice = std::get<IceUdpTransport>(content.transport);
    for (const auto& existing : ice.candidates)
        if (same_candidate(existing, candidate)) return;
    if (ice.candidates.size() >= limits::max_candidates)
        fail("content '" + content.name + "': more candidates than the limit");
    ice.candidates.push_back(std::move(candidate));
}

}  // namespace

const PayloadType* RtpDescription::payload_type(unsigned id) const {
    for (const auto& pt : payload_types)
        if (pt.id == id) return &pt;
    return nullptr;
}

bool RtpDescription::uses_feedback() const {
    if (!feedback.empty() || !trr_int.empty()) return true;
    return std::any_of(payload_types.begin(), payload_types.end(),
                       [](const PayloadType& pt) { return !pt.feedback.empty() || !pt.trr_int.empty(); });
}

Content* JingleSession::find_content(std::string_view name) {
    for (auto& c : contents)
        if (c.name == name) return &c;
    return nullptr;
}

const Content* JingleSession::find_content(std::string_view name) const {
    for (const auto& c : contents)
        if (c.name == name) return &c;
    return nullptr;
}

Result<void> add_candidate(JingleSession& session, std::string_view content, IceCandidate candidate) {
    return guarded([&] {
        Content* target = session.find_content(content);
        if (!target) fail("no content named '" + std::string(content) + "'");
        add_to(*target, std::move(candidate));
    });
}

Result<void> merge_transport_info(JingleSession& pending, const JingleSession& transport_info) {
    return guarded([&] {
        // Check every content first so that a failure leaves the pending session untouched.
        for (const auto& incoming : transport_info.contents)
            if (!pending.find_content(incoming.name))
                fail("transport-info for unknown content '" + incoming.name + "'");
        JingleSession merged = pending;
        for (const auto& incoming : transport_info.contents) {
            Content& target = *merged.find_content(incoming.name);
            const auto* ice = std::get_if<IceUdpTransport>(&incoming.transport);
            if (!ice) continue;
            if (auto* mine = std::get_if<IceUdpTransport>(&target.transport)) {
                // An ICE restart brings new credentials; the candidates that follow belong to them.
                if (ice->ufrag) mine->ufrag = ice->ufrag;
                if (ice->pwd) mine->pwd = ice->pwd;
            } else if (std::holds_alternative<std::monostate>(target.transport)) {
                target.transport = IceUdpTransport{ice->ufrag, ice->pwd, {}, ice->fingerprints};
            }
            for (const auto& candidate : ice->candidates) add_to(target, candidate);
        }
        pending = std::move(merged);
    });
}

void set_senders(JingleSession& session, Senders senders) {
    for (auto& c : session.contents) c.senders = senders;
}

Result<void> set_senders(JingleSession& session, std::string_view content, Senders senders) {
    return guarded([&] {
        Content* target = session.find_content(content);
        if (!target) fail("no content named '" + std::string(content) + "'");
        target->senders = senders;
    });
}

}  // namespace gw::media
