#include "gateway/call_media.hpp"

#include "media/direction.hpp"
#include "media/sdp_origin.hpp"
#include "media/translate.hpp"

namespace gw {
namespace {

using media::Direction;
using media::Error;
using media::Result;
using media::SdpAttribute;
using media::SdpSession;

bool is_direction(const SdpAttribute& a) {
    return !a.value && media::direction_from_string(a.name).has_value();
}

std::optional<Direction> direction_in(const std::vector<SdpAttribute>& attributes) {
    for (const SdpAttribute& a : attributes)
        if (is_direction(a)) return media::direction_from_string(a.name);
    return std::nullopt;
}

Direction effective_direction(const SdpSession& sdp, const media::SdpMedia& m) {
    if (auto d = direction_in(m.attributes)) return *d;
    return direction_in(sdp.attributes).value_or(Direction::sendrecv);
}

void remove_directions(std::vector<SdpAttribute>& attributes) {
    std::erase_if(attributes, is_direction);
}

// Sets each section's direction explicitly (session-level ones are folded into the sections).
void set_directions(SdpSession& sdp, const std::vector<Direction>& directions) {
    remove_directions(sdp.attributes);
    for (std::size_t i = 0; i < sdp.media.size() && i < directions.size(); ++i) {
        remove_directions(sdp.media[i].attributes);
        sdp.media[i].add(std::string(media::to_string(directions[i])));
    }
}

std::vector<Direction> directions_of(const SdpSession& sdp) {
    std::vector<Direction> result;
    for (const auto& m : sdp.media) result.push_back(effective_direction(sdp, m));
    return result;
}

// Everything but o= versions and directions: what makes a re-offer a real change.
SdpSession media_shape(SdpSession sdp) {
    sdp.origin.session_version = "0";
    const std::vector<Direction> none(sdp.media.size(), Direction::sendrecv);
    set_directions(sdp, none);
    return sdp;
}

std::string describe_change(const SdpSession& before, const SdpSession& after) {
    if (before.media.size() != after.media.size())
        return "the number of media sections changed (" + std::to_string(before.media.size()) + " -> " +
               std::to_string(after.media.size()) + ")";
    for (std::size_t i = 0; i < before.media.size(); ++i) {
        const auto& a = before.media[i];
        const auto& b = after.media[i];
        const std::string where = "media section " + std::to_string(i + 1) + " (" + b.media + ")";
        if (a.port != b.port) return where + ": port " + std::to_string(a.port) + " -> " + std::to_string(b.port);
        if (a.formats != b.formats) return where + ": payload types changed";
        if (a.proto != b.proto) return where + ": protocol " + a.proto + " -> " + b.proto;
        if (!(a == b)) return where + ": attributes or address changed";
    }
    if (before.connection != after.connection) return "the session address changed";
    return "session attributes changed";
}

Direction answer_to(Direction offered, bool local_hold) {
    const bool peer_sends = offered == Direction::sendrecv || offered == Direction::sendonly;
    const bool peer_receives = offered == Direction::sendrecv || offered == Direction::recvonly;
    const bool we_send = peer_receives;
    const bool we_receive = peer_sends && !local_hold;
    if (we_send && we_receive) return Direction::sendrecv;
    if (we_send) return Direction::sendonly;
    if (we_receive) return Direction::recvonly;
    return Direction::inactive;
}

Result<std::string> render_bumped(SdpSession sdp, const SdpSession& before) {
    if (!(media_shape(sdp) == media_shape(before)) || directions_of(sdp) != directions_of(before))
        sdp.origin.session_version = media::increment_decimal(before.origin.session_version);
    return media::render_sdp(sdp);
}

}  // namespace

Result<std::string> offer_sdp_from_jingle(const media::JingleSession& offer, const media::SdpOrigin& origin) {
    media::ToSdpOptions options;
    options.writer = media::Role::initiator;
    options.origin = origin;
    auto sdp = media::jingle_to_sdp(offer, options);
    if (!sdp) return Error{sdp.error()};
    return media::render_sdp(*sdp);
}

Result<media::JingleSession> answer_jingle_from_sdp(std::string_view answer_sdp, const media::JingleSession& offer,
                                                    const JingleParties& parties) {
    auto sdp = media::parse_sdp(answer_sdp);
    if (!sdp) return Error{"the SIP answer: " + sdp.error()};
    media::ToJingleOptions options;
    options.writer = media::Role::responder;
    options.action = "session-accept";
    options.sid = parties.sid;
    options.initiator = parties.initiator;
    options.responder = parties.responder;
    options.offer = &offer;
    auto jingle = media::sdp_to_jingle(*sdp, options);
    if (!jingle) return Error{"the SIP answer: " + jingle.error()};
    if (jingle->contents.empty()) return Error{"the SIP answer accepts no media"};
    return jingle;
}

Result<media::JingleSession> offer_jingle_from_sdp(std::string_view offer_sdp, const JingleParties& parties) {
    auto sdp = media::parse_sdp(offer_sdp);
    if (!sdp) return Error{"the SIP offer: " + sdp.error()};
    media::ToJingleOptions options;
    options.writer = media::Role::initiator;
    options.action = "session-initiate";
    options.sid = parties.sid;
    options.initiator = parties.initiator;
    options.responder = parties.responder;
    auto jingle = media::sdp_to_jingle(*sdp, options);
    if (!jingle) return Error{"the SIP offer: " + jingle.error()};
    if (jingle->contents.empty()) return Error{"the SIP offer has no RTP audio or video"};
    return jingle;
}

Result<std::string> answer_sdp_from_jingle(const media::JingleSession& accept, std::string_view offer_sdp,
                                           const media::SdpOrigin& origin) {
    auto offer = media::parse_sdp(offer_sdp);
    if (!offer) return Error{"the SIP offer: " + offer.error()};
    media::ToSdpOptions options;
    options.writer = media::Role::responder;
    options.origin = origin;
    options.offer = &*offer;
    auto sdp = media::jingle_to_sdp(accept, options);
    if (!sdp) return Error{"the session-accept: " + sdp.error()};
    return media::render_sdp(*sdp);
}

Result<std::string> sdp_with_hold(std::string_view text, bool hold) {
    auto sdp = media::parse_sdp(text);
    if (!sdp) return Error{sdp.error()};
    const SdpSession before = *sdp;
    std::vector<Direction> directions = directions_of(*sdp);
    for (Direction& d : directions) d = hold ? media::hold(d) : media::resume(d);
    set_directions(*sdp, directions);
    return render_bumped(std::move(*sdp), before);
}

Result<Reoffer> compare_reoffer(std::string_view current_remote_sdp, std::string_view new_offer_sdp) {
    auto current = media::parse_sdp(current_remote_sdp);
    if (!current) return Error{"the current remote description: " + current.error()};
    auto offer = media::parse_sdp(new_offer_sdp);
    if (!offer) return Error{"the re-INVITE's offer: " + offer.error()};
    Reoffer result;
    const SdpSession a = media_shape(*current);
    const SdpSession b = media_shape(*offer);
    if (!(a == b)) {
        result.kind = Reoffer::Kind::changed;
        result.what_changed = describe_change(a, b);
    }
    const auto directions = directions_of(*offer);
    result.remote_holds = !directions.empty();
    for (Direction d : directions)
        if (d != Direction::sendonly && d != Direction::inactive) result.remote_holds = false;
    return result;
}

Result<std::string> sdp_answering_directions(std::string_view local_sdp, std::string_view offer_sdp,
                                             bool local_hold) {
    auto local = media::parse_sdp(local_sdp);
    if (!local) return Error{"the gateway's description: " + local.error()};
    auto offer = media::parse_sdp(offer_sdp);
    if (!offer) return Error{"the re-INVITE's offer: " + offer.error()};
    if (offer->media.size() != local->media.size())
        return Error{"the re-INVITE's offer has " + std::to_string(offer->media.size()) +
                     " media sections, the call has " + std::to_string(local->media.size())};
    const SdpSession before = *local;
    std::vector<Direction> directions;
    for (const auto& m : offer->media) directions.push_back(answer_to(effective_direction(*offer, m), local_hold));
    set_directions(*local, directions);
    return render_bumped(std::move(*local), before);
}

media::SdpOrigin new_origin(std::uint64_t session_id, std::string_view address) {
    media::SdpOrigin origin;
    origin.username = "xmpp-sip-gateway";
    origin.session_id = std::to_string(session_id);
    origin.session_version = "1";
    const bool v6 = address.find(':') != std::string_view::npos;
    origin.addr_type = v6 ? "IP6" : "IP4";
    origin.address = address.empty() ? "127.0.0.1" : std::string(address);
    return origin;
}

}  // namespace gw
