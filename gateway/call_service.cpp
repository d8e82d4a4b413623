#include "gateway/call_service.hpp"

#include "gateway/accounts_service.hpp"
#include "gateway/addressing.hpp"
#include "gateway/call_media.hpp"
#include "gateway/jid.hpp"
#include "gateway/registration_manager.hpp"
#include "gateway/sip_reason.hpp"
#include "gateway/stanza_element.hpp"
#include "gateway/store/account_store.hpp"
#include "media/jingle_xml.hpp"
#include "media/trickle.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace gw {
namespace {

constexpr const char* kDiscoInfo = "http://jabber.org/protocol/disco#info";
constexpr const char* kSdpFrag = "application/trickle-ice-sdpfrag";

// Every content carries what the INVITE needs: a raw-UDP candidate, or ICE candidates.
bool candidates_complete(const media::JingleSession& offer) {
    for (const media::Content& content : offer.contents) {
        if (const auto* ice = std::get_if<media::IceUdpTransport>(&content.transport)) {
            if (ice->candidates.empty()) return false;
        }
    }
    return true;
}

// StanzaJS (and others) mark the end of their ICE gathering in a transport-info.
bool gathering_complete(const xmpp::Stanza& jingle) {
    for (const xmpp::Stanza& content : jingle.children())
        for (const xmpp::Stanza& transport : content.children())
            if (transport.child("gathering-complete")) return true;
    return false;
}

std::vector<std::string> media_of(const media::JingleSession& session) {
    std::vector<std::string> result;
    for (const media::Content& content : session.contents)
        if (content.description && std::find(result.begin(), result.end(), content.description->media) == result.end())
            result.push_back(content.description->media);
    return result;
}

std::string status_text(int status, std::string_view phrase) {
    return std::to_string(status) + (phrase.empty() ? "" : " " + std::string(phrase));
}

// The Contact token in an R-URI "sip:TOKEN@host:port;params".
std::string token_of(std::string_view uri) {
    const auto colon = uri.find(':');
    const auto at = uri.find('@');
    if (colon == std::string_view::npos || at == std::string_view::npos || at <= colon + 1) return {};
    return std::string(uri.substr(colon + 1, at - colon - 1));
}

// IQ ids carry the call they belong to and what they are: "c<serial>.<kind>.<n>".
std::string call_iq_id(std::uint64_t serial, char kind, std::uint64_t n) {
    return "c" + std::to_string(serial) + "." + kind + "." + std::to_string(n);
}

bool parse_call_iq_id(std::string_view id, std::uint64_t& serial, char& kind) {
    if (id.size() < 5 || id[0] != 'c') return false;
    const auto dot = id.find('.');
    if (dot == std::string_view::npos || dot + 2 >= id.size()) return false;
    serial = 0;
    for (char c : id.substr(1, dot - 1)) {
        if (c < '0' || c > '9') return false;
        serial = serial * 10 + static_cast<std::uint64_t>(c - '0');
    }
    kind = id[dot + 1];
    return true;
}

}  // namespace

CallService::CallService(CallOptions options, SipCalls& sip, Outbox& outbox, AccountsService& accounts,
                         store::AccountStore& store, event_base* base, Metrics& metrics)
    : options_(std::move(options)),
      sip_(sip),
      outbox_(outbox),
      accounts_(accounts),
      store_(store),
      metrics_(metrics),
      limits_(options_.limits),
      deadlines_(base, [this](std::uint64_t serial, std::uint64_t generation) { on_deadline(serial, generation); }),
      rng_(std::random_device{}()) {}

double CallService::now() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string CallService::new_sid() {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(rng_()));
    return text;
}

std::string CallService::next_iq_id() { return "gw" + std::to_string(next_iq_++); }

void CallService::add_routes(IqRouter& router) {
    router.add("set", call_ns::jingle, [this](const xmpp::Stanza& iq, const xmpp::Stanza& jingle, IqReply& reply) {
        handle_jingle(iq, jingle, reply);
    });
}

// ---------------------------------------------------------------------------------------------
// Records

Call& CallService::create(bool outgoing, const std::string& user, const std::string& sid) {
    const std::uint64_t serial = next_serial_++;
    Call& call = calls_[serial];
    call.serial = serial;
    call.outgoing = outgoing;
    call.user = user;
    call.sid = sid;
    call.created_at = now();
    by_sid_[user + "\n" + sid] = serial;
    by_user_[user].push_back(serial);
    metrics_.calls_active = calls_.size();
    return call;
}

Call* CallService::find_by_sid(const std::string& user, std::string_view sid) {
    auto it = by_sid_.find(user + "\n" + std::string(sid));
    if (it == by_sid_.end()) return nullptr;
    auto call = calls_.find(it->second);
    return call == calls_.end() ? nullptr : &call->second;
}

Call* CallService::find_by_leg(sip::CallLegId leg) {
    auto it = by_leg_.find(leg);
    if (it == by_leg_.end()) return nullptr;
    auto call = calls_.find(it->second);
    return call == calls_.end() ? nullptr : &call->second;
}

void CallService::release(Call& call) {
    if (call.counted) limits_.release(call.user);
    if (call.leg != 0) by_leg_.erase(call.leg);
    by_sid_.erase(call.user + "\n" + call.sid);
    if (auto it = by_user_.find(call.user); it != by_user_.end()) {
        std::erase(it->second, call.serial);
        if (it->second.empty()) by_user_.erase(it);
    }
    log_summary(call);
    if (call.answered_at > 0) ++metrics_.calls_answered;
    else ++metrics_.calls_failed;
    calls_.erase(call.serial);
    metrics_.calls_active = calls_.size();
}

void CallService::log_summary(const Call& call) const {
    const double end = now();
    const double talk = call.answered_at > 0 ? end - call.answered_at : 0.0;
    spdlog::info("call {} [{}] ended: {} {} {} {}, {:.1f} s talking, {:.1f} s in all, hung up by {}, SIP {}",
                 call.sid, call.call_id.empty() ? "-" : call.call_id, call.outgoing ? "out" : "in", call.user,
                 call.outgoing ? "->" : "<-", call.remote_uri.empty() ? "-" : call.remote_uri, talk,
                 end - call.created_at, call.hung_up_by.empty() ? "nobody" : call.hung_up_by,
                 call.sip_status == 0 ? std::string("-") : status_text(call.sip_status, call.sip_phrase));
}

const store::SipAccount* CallService::account_of(const std::string& user, std::optional<store::SipAccount>& holder) {
    if (const store::SipAccount* online = accounts_.online_account(user)) return online;
    try {
        holder = store_.find(user);
    } catch (const store::StoreError& e) {
        spdlog::error("call: cannot read the account of {}: {}", user, e.what());
        return nullptr;
    }
    return holder ? &*holder : nullptr;
}

// ---------------------------------------------------------------------------------------------
// The state machine and its actions

bool CallService::dispatch(Call& call, CallEvent event, const EventData& data) {
    const CallStep next = step(call.state, event, call.facts);
    if (!next.handled) {
        spdlog::debug("call {}: {} ignored in state {}", call.sid, to_string(event), to_string(call.state));
        return false;
    }
    const CallState from = call.state;
    call.state = next.next;
    if (from != next.next)
        spdlog::debug("call {} [{}]: {} -> {} on {}", call.sid, call.call_id.empty() ? "-" : call.call_id,
                     to_string(from), to_string(next.next), to_string(event));
    for (std::size_t i = 0; i < next.action_count; ++i) {
        execute(call, next.actions[i], event, data);
        if (next.actions[i] == CallAction::release) break;  // `call` is gone
    }
    // Events raised by the actions (a leg that never existed ends at once), after this step.
    if (!dispatching_) {
        dispatching_ = true;
        while (!followups_.empty()) {
            const auto [followup_serial, followup_event] = followups_.front();
            followups_.pop_front();
            auto it = calls_.find(followup_serial);
            if (it != calls_.end()) dispatch(it->second, followup_event);
        }
        dispatching_ = false;
    }
    return true;
}

void CallService::execute(Call& call, CallAction action, CallEvent event, const EventData& data) {
    const Route to_user{call.contact, call.user_resource};
    switch (action) {
    case CallAction::send_proceed:
        send(jmi_message(outbox_, to_user, "proceed", call.sid));
        deadlines_.schedule(call.serial, ++call.timer_generation, options_.ring_timeout_s);
        return;
    case CallAction::start_candidate_wait:
        deadlines_.schedule(call.serial, ++call.timer_generation, options_.candidate_wait_s);
        return;
    case CallAction::send_invite:
        ++call.timer_generation;
        send_invite(call);
        return;
    case CallAction::send_ringing_info:
        send(session_info_iq(outbox_, to_user, call_iq_id(call.serial, 'i', next_iq_++), call.sid, call.initiator(),
                             "ringing"));
        return;
    case CallAction::send_session_accept: {
        if (data.jingle == nullptr) return;
        auto iq = jingle_iq(outbox_, to_user, call_iq_id(call.serial, 'a', next_iq_++), *data.jingle);
        if (!iq) {
            spdlog::error("call {}: cannot write the session-accept: {}", call.sid, iq.error());
            followups_.emplace_back(call.serial, CallEvent::media_failed);
            return;
        }
        send(*iq);
        call.offer.reset();
        return;
    }
    case CallAction::sip_ring:
        sip_.respond(call.leg, 180, "Ringing");
        return;
    case CallAction::send_propose: {
        const Route to_bare{call.contact, call.user};
        send(jmi_message(outbox_, to_bare, "propose", call.sid, call.offer ? media_of(*call.offer) : std::vector<std::string>{}));
        return;
    }
    case CallAction::send_session_initiate:
        send_session_initiate(call);
        return;
    case CallAction::start_ring_timer:
        deadlines_.schedule(call.serial, ++call.timer_generation, options_.ring_timeout_s);
        return;
    case CallAction::sip_answer:
        ++call.timer_generation;
        call.answered_at = now();
        call.local_sdp = data.sdp;
        call.offer.reset();
        sip_.respond(call.leg, 200, "OK", data.sdp);
        return;
    case CallAction::sip_reject: {
        ++call.timer_generation;
        SipFinal final{480, "Temporarily Unavailable"};
        if (event == CallEvent::media_failed) final = {488, "Not Acceptable Here"};
        else if (event == CallEvent::user_reject) final = sip_final_for_jingle_reason(data.reason.condition);
        call.sip_status = final.status;
        call.sip_phrase = std::string(final.phrase);
        if (call.leg == 0) followups_.emplace_back(call.serial, CallEvent::sip_ended);
        else sip_.hang_up(call.leg, final.status, final.phrase);
        return;
    }
    case CallAction::sip_hang_up:
        if (call.leg == 0) followups_.emplace_back(call.serial, CallEvent::sip_ended);
        else sip_.hang_up(call.leg, 480, "Temporarily Unavailable");
        return;
    case CallAction::sip_reinvite:
        call.local_sdp = data.sdp;
        sip_.reinvite(call.leg, data.sdp);
        return;
    case CallAction::send_retract: {
        const Route to_bare{call.contact, call.user};
        send(jmi_message(outbox_, to_bare, "retract", call.sid, {}, &data.reason));
        return;
    }
    case CallAction::send_session_terminate:
        if (call.user_resource.empty()) return;
        send(session_terminate_iq(outbox_, to_user, call_iq_id(call.serial, 't', next_iq_++), call.sid,
                                  call.initiator(), data.reason));
        return;
    case CallAction::release:
        release(call);
        return;
    }
}

void CallService::send_invite(Call& call) {
    std::optional<store::SipAccount> holder;
    const store::SipAccount* account = account_of(call.user, holder);
    if (!account || !call.offer) {
        spdlog::warn("call {}: {} has no SIP account any more", call.sid, call.user);
        followups_.emplace_back(call.serial, CallEvent::media_failed);
        return;
    }
    if (call.local_sdp.empty()) {  // candidates were gathered since session-initiate
        auto sdp = offer_sdp_from_jingle(*call.offer, new_origin(call.origin_id, options_.sip_host));
        if (!sdp) {
            spdlog::warn("call {}: the offer cannot be translated: {}", call.sid, sdp.error());
            followups_.emplace_back(call.serial, CallEvent::media_failed);
            return;
        }
        call.local_sdp = std::move(*sdp);
    }
    RegistrationPolicy policy;
    policy.default_proxy = options_.default_proxy;
    const sip::RegistrationRequest identity = registration_request(*account, policy);
    sip::OutgoingCall invite;
    invite.from = identity.aor;
    invite.to = call.remote_uri;
    invite.proxy = identity.proxy;
    invite.auth_user = identity.auth_user;
    invite.password = identity.password;
    invite.contact_user = identity.contact_user;
    invite.sdp = call.local_sdp;
    invite.call_id = new_sid() + new_sid() + "@" + options_.component_jid;
    call.call_id = invite.call_id;
    call.leg = sip_.invite(invite);
    by_leg_[call.leg] = call.serial;
    spdlog::info("call {} [{}]: INVITE {} for {}", call.sid, call.call_id, call.remote_uri, call.user);
}

void CallService::send_session_initiate(Call& call) {
    if (!call.offer) return;
    media::JingleSession session = *call.offer;
    session.action = "session-initiate";
    session.sid = call.sid;
    session.initiator = call.contact;
    session.responder = call.user_resource;
    auto iq = jingle_iq(outbox_, Route{call.contact, call.user_resource}, call_iq_id(call.serial, 's', next_iq_++),
                        session);
    if (!iq) {
        spdlog::warn("call {}: cannot write the session-initiate: {}", call.sid, iq.error());
        followups_.emplace_back(call.serial, CallEvent::media_failed);
        return;
    }
    send(*iq);
}

void CallService::on_deadline(std::uint64_t serial, std::uint64_t generation) {
    auto it = calls_.find(serial);
    if (it == calls_.end() || it->second.timer_generation != generation) return;
    Call& call = it->second;
    switch (call.state) {
    case CallState::gathering:
        dispatch(call, CallEvent::candidates_ready);
        return;
    case CallState::proposed:
    case CallState::alerting:
    case CallState::initiating: {
        if (call.accept) {  // the candidate wait of an answer is over
            finish_accept(call);
            return;
        }
        call.hung_up_by = "gateway";
        EventData data;
        data.reason = Reason{"timeout", "no answer", 0};
        spdlog::info("call {}: nobody answered in {} s", call.sid, options_.ring_timeout_s);
        dispatch(call, CallEvent::ring_timeout, data);
        return;
    }
    case CallState::idle:
    case CallState::inviting:
    case CallState::ringing:
    case CallState::early:
    case CallState::active:
    case CallState::ending:
    case CallState::ended:
        return;
    }
}

// ---------------------------------------------------------------------------------------------
// From the XMPP user

void CallService::handle_jingle(const xmpp::Stanza& iq, const xmpp::Stanza& jingle, IqReply& reply) {
    const std::string from(iq.attr("from"));
    const std::string user = bare_jid(from);
    const std::string action(jingle.attr("action"));
    const std::string sid(jingle.attr("sid"));
    if (action.empty() || sid.empty()) {
        spdlog::warn("jingle from {}: no action or sid", from);
        reply.error(StanzaError::bad_request, "a <jingle/> needs an action and a sid");
        return;
    }
    Call* call = find_by_sid(user, sid);
    if (action == "session-initiate") {
        if (call != nullptr && call->state != CallState::proposed) {
            reply.error(StanzaError::unexpected_request, "this session already exists", "out-of-order",
                        call_ns::jingle_errors);
            return;
        }
        auto parsed = media::parse_jingle(to_element(jingle, call_ns::jingle));
        if (!parsed) {
            spdlog::warn("jingle {} from {}: {}", sid, from, parsed.error());
            reply.error(StanzaError::bad_request, parsed.error());
            return;
        }
        outgoing_initiate(iq, *parsed, reply);
        return;
    }
    if (call == nullptr || (call->user_resource != from && !(call->user_resource.empty() && !call->outgoing))) {
        spdlog::warn("jingle {} from {}: {} for an unknown session", sid, from, action);
        reply.error(StanzaError::item_not_found, "no such session", "unknown-session", call_ns::jingle_errors);
        return;
    }
    jingle_in_call(*call, iq, jingle, action, reply);
}

void CallService::outgoing_initiate(const xmpp::Stanza& iq, const media::JingleSession& offer, IqReply& reply) {
    const std::string from(iq.attr("from"));
    const std::string to(iq.attr("to"));
    const std::string user = bare_jid(from);
    const std::string contact_bare = bare_jid(to);
    const auto at = contact_bare.find('@');
    if (at == std::string::npos || at == 0) {
        reply.error(StanzaError::bad_request, "call a contact of the gateway, such as user%example.com@" +
                                                  options_.component_jid);
        return;
    }
    std::optional<store::SipAccount> holder;
    const store::SipAccount* account = account_of(user, holder);
    if (account == nullptr) {
        reply.error(StanzaError::registration_required, "register your SIP account with the gateway first");
        return;
    }
    const AddressResult target = sip_target_from_localpart(contact_bare.substr(0, at), account->sip_domain);
    if (!target.target) {
        reply.error(StanzaError::item_not_found, target.error);
        return;
    }
    for (const media::Content& content : offer.contents) {
        if (!content.description) {
            reply.error(StanzaError::bad_request, "content \"" + content.name + "\" has no RTP description");
            return;
        }
    }
    if (offer.contents.empty()) {
        reply.error(StanzaError::bad_request, "session-initiate without content");
        return;
    }
    // Translated now so that the client hears at once what it sent wrong; an offer that needs no
    // more candidates goes into the INVITE as it is.
    const std::uint64_t origin_id = rng_() >> 1;
    auto sdp = offer_sdp_from_jingle(offer, new_origin(origin_id, options_.sip_host));
    if (!sdp) {
        spdlog::warn("jingle {} from {}: cannot translate the offer: {}", offer.sid, from, sdp.error());
        reply.error(StanzaError::bad_request, "cannot translate the offer: " + sdp.error(), "unsupported-info",
                    call_ns::jingle_errors);
        return;
    }
    Call* existing = find_by_sid(user, offer.sid);
    if (existing != nullptr && existing->user_resource != from) {
        reply.error(StanzaError::item_not_found, "no such session", "unknown-session", call_ns::jingle_errors);
        return;
    }
    if (existing == nullptr) {
        if (auto refusal = limits_.admit(user, now())) {
            ++metrics_.calls_refused;
            spdlog::warn("call {} from {} refused: {}", offer.sid, user, *refusal);
            reply.send(reply.result());
            send(session_terminate_iq(outbox_, Route{to, from}, next_iq_id(), offer.sid, from,
                                      Reason{"general-error", *refusal, 503}));
            return;
        }
        Call& call = create(true, user, offer.sid);
        call.counted = true;
        call.user_resource = from;
        call.contact = to;
        ++metrics_.calls_out;
        existing = &call;
    }
    Call& call = *existing;
    call.remote_uri = target.target->uri();
    call.offer = offer;
    call.offer->initiator = from;
    call.offer->responder = call.contact;
    reply.send(reply.result());
    const bool complete = candidates_complete(offer) || options_.candidate_wait_s <= 0;
    call.origin_id = origin_id;
    call.local_sdp = complete ? std::move(*sdp) : std::string();
    dispatch(call, complete ? CallEvent::initiate_complete : CallEvent::initiate_partial);
}

void CallService::jingle_in_call(Call& call, const xmpp::Stanza&, const xmpp::Stanza& jingle,
                                 const std::string& action, IqReply& reply) {
    if (action == "session-accept") {
        user_accept(call, jingle, reply);
    } else if (action == "session-terminate") {
        reply.send(reply.result());
        EventData data;
        data.reason = reason_of(jingle);
        if (call.hung_up_by.empty()) call.hung_up_by = "xmpp";
        const bool unanswered_incoming =
            !call.outgoing && (call.state == CallState::alerting || call.state == CallState::initiating);
        dispatch(call, unanswered_incoming ? CallEvent::user_reject : CallEvent::user_hangup, data);
    } else if (action == "session-info") {
        session_info(call, jingle, reply);
    } else if (action == "transport-info") {
        transport_info(call, jingle, reply);
    } else if (action == "content-add" || action == "content-modify" || action == "content-remove" ||
               action == "content-accept" || action == "content-reject" || action == "description-info" ||
               action == "security-info" || action == "transport-replace" || action == "transport-accept" ||
               action == "transport-reject") {
        reply.error(StanzaError::feature_not_implemented,
                    action + " is not supported: the gateway keeps a call's contents as they were set up");
    } else {
        reply.error(StanzaError::bad_request, "unknown Jingle action \"" + action + "\"");
    }
}

void CallService::user_accept(Call& call, const xmpp::Stanza& jingle, IqReply& reply) {
    if (call.outgoing || (call.state != CallState::alerting && call.state != CallState::initiating) ||
        (call.state == CallState::alerting && call.facts.jmi)) {
        reply.error(StanzaError::unexpected_request, "session-accept does not fit this session now", "out-of-order",
                    call_ns::jingle_errors);
        return;
    }
    auto accept = media::parse_jingle(to_element(jingle, call_ns::jingle));
    if (!accept) {
        spdlog::warn("call {}: malformed session-accept from {}: {}", call.sid, call.user_resource, accept.error());
        reply.error(StanzaError::bad_request, accept.error());
        return;
    }
    call.origin_id = rng_() >> 1;
    auto sdp = answer_sdp_from_jingle(*accept, call.remote_sdp, new_origin(call.origin_id, options_.sip_host));
    if (!sdp) {
        spdlog::warn("call {}: cannot translate the session-accept: {}", call.sid, sdp.error());
        reply.error(StanzaError::bad_request, sdp.error());
        call.hung_up_by = "gateway";
        EventData data;
        data.reason = Reason{"incompatible-parameters", sdp.error(), 488};
        dispatch(call, CallEvent::media_failed, data);
        return;
    }
    reply.send(reply.result());
    if (candidates_complete(*accept) || options_.candidate_wait_s <= 0) {
        EventData data;
        data.sdp = std::move(*sdp);
        dispatch(call, CallEvent::user_accept, data);
        return;
    }
    call.accept = std::move(*accept);
    // A client that trickles (StanzaJS) accepts before its candidates: the 200 waits for them,
    // as the INVITE does, since a phone without trickle ICE would never learn them.
    spdlog::debug("call {}: the answer waits up to {} s for candidates", call.sid, options_.candidate_wait_s);
    deadlines_.schedule(call.serial, ++call.timer_generation, options_.candidate_wait_s);
}

void CallService::finish_accept(Call& call) {
    if (!call.accept) return;
    media::JingleSession accept = std::move(*call.accept);
    call.accept.reset();
    auto sdp = answer_sdp_from_jingle(accept, call.remote_sdp, new_origin(call.origin_id, options_.sip_host));
    EventData data;
    if (!sdp) {
        spdlog::warn("call {}: cannot translate the session-accept: {}", call.sid, sdp.error());
        call.hung_up_by = "gateway";
        data.reason = Reason{"incompatible-parameters", sdp.error(), 488};
        dispatch(call, CallEvent::media_failed, data);
        return;
    }
    data.sdp = std::move(*sdp);
    dispatch(call, CallEvent::user_accept, data);
}

void CallService::session_info(Call& call, const xmpp::Stanza& jingle, IqReply& reply) {
    const std::vector<xmpp::Stanza> payload = jingle.children();
    if (payload.empty()) {  // a session ping
        reply.send(reply.result());
        return;
    }
    const xmpp::Stanza& info = payload.front();
    const std::string_view name = info.name();
    if (info.ns() != call_ns::rtp_info) {
        reply.error(StanzaError::feature_not_implemented, "unknown session-info payload", "unsupported-info",
                    call_ns::jingle_errors);
        return;
    }
    reply.send(reply.result());
    if ((name == "hold" || name == "unhold") && call.state == CallState::active) {
        const bool hold = name == "hold";
        if (hold == call.local_hold) return;
        auto sdp = sdp_with_hold(call.local_sdp, hold);
        if (!sdp) {
            spdlog::warn("call {}: cannot write the {} offer: {}", call.sid, name, sdp.error());
            return;
        }
        call.local_hold = hold;
        EventData data;
        data.sdp = std::move(*sdp);
        spdlog::info("call {} [{}]: {} from {}", call.sid, call.call_id, name, call.user_resource);
        dispatch(call, CallEvent::user_hold, data);
    }
    // ringing, active, mute, unmute: nothing to tell the SIP side.
}

void CallService::transport_info(Call& call, const xmpp::Stanza& jingle, IqReply& reply) {
    auto info = media::parse_jingle(to_element(jingle, call_ns::jingle));
    if (!info) {
        reply.error(StanzaError::bad_request, info.error());
        return;
    }
    reply.send(reply.result());
    const bool done = gathering_complete(jingle);
    if (call.offer && (call.state == CallState::gathering || call.state == CallState::proposed)) {
        if (auto merged = media::merge_transport_info(*call.offer, *info); !merged)
            spdlog::warn("call {}: transport-info ignored: {}", call.sid, merged.error());
        if (done && call.state == CallState::gathering && candidates_complete(*call.offer)) {
            ++call.timer_generation;  // the wait is over
            dispatch(call, CallEvent::candidates_ready);
        }
        return;
    }
    if (call.accept) {
        if (auto merged = media::merge_transport_info(*call.accept, *info); !merged)
            spdlog::warn("call {}: transport-info ignored: {}", call.sid, merged.error());
        if (done && candidates_complete(*call.accept)) {
            ++call.timer_generation;
            finish_accept(call);
        }
        return;
    }
    if (call.leg == 0 || !call.peer_trickle) {
        spdlog::debug("call {}: a late candidate is dropped (the SIP peer does not trickle)", call.sid);
        return;
    }
    auto local = media::parse_sdp(call.local_sdp);
    auto fragment = media::transport_info_to_sdpfrag(*info, local ? &*local : nullptr);
    if (!fragment) {
        spdlog::warn("call {}: transport-info cannot be sent as INFO: {}", call.sid, fragment.error());
        return;
    }
    auto body = media::render_sdpfrag(*fragment);
    if (body) sip_.info(call.leg, kSdpFrag, "trickle-ice", *body);
}

void CallService::on_message(const xmpp::Stanza& message) {
    if (message.attr("type") == "error") return;
    for (const xmpp::Stanza& child : message.children()) {
        if (child.ns() != call_ns::jmi) continue;
        if (child.name() == "propose") jmi_propose(message, child);
        else jmi_from_user(message, child);
        return;
    }
}

void CallService::jmi_propose(const xmpp::Stanza& message, const xmpp::Stanza& propose) {
    const std::string from(message.attr("from"));
    const std::string user = bare_jid(from);
    const std::string contact = bare_jid(message.attr("to")) + "/sip";
    const std::string sid(propose.attr("id"));
    const Route back{contact, from};
    auto refuse = [&](const char* condition, const std::string& text) {
        spdlog::warn("call {} proposed by {} refused: {}", sid, from, text);
        Reason reason{condition, text, 0};
        send(jmi_message(outbox_, back, "reject", sid, {}, &reason));
    };
    if (sid.empty() || find_by_sid(user, sid) != nullptr) return;  // malformed, or a duplicate
    bool rtp = false;
    for (const xmpp::Stanza& d : propose.children())
        if (d.name() == "description" && d.ns() == call_ns::rtp) rtp = true;
    if (!rtp) return refuse("unsupported-applications", "the gateway places RTP audio and video calls only");
    std::optional<store::SipAccount> holder;
    const store::SipAccount* account = account_of(user, holder);
    if (account == nullptr) return refuse("security-error", "register your SIP account with the gateway first");
    const std::string contact_bare = bare_jid(message.attr("to"));
    const auto at = contact_bare.find('@');
    const AddressResult target = at == std::string::npos || at == 0
                                     ? AddressResult{std::nullopt, "not a contact of the gateway"}
                                     : sip_target_from_localpart(contact_bare.substr(0, at), account->sip_domain);
    if (!target.target) return refuse("gone", target.error);
    if (auto refusal = limits_.admit(user, now())) {
        ++metrics_.calls_refused;
        return refuse("general-error", *refusal);
    }
    Call& call = create(true, user, sid);
    call.counted = true;
    call.facts.jmi = true;
    call.user_resource = from;
    call.contact = contact;
    call.remote_uri = target.target->uri();
    ++metrics_.calls_out;
    dispatch(call, CallEvent::jmi_propose);
}

void CallService::jmi_from_user(const xmpp::Stanza& message, const xmpp::Stanza& element) {
    const std::string from(message.attr("from"));
    const std::string user = bare_jid(from);
    const std::string_view name = element.name();
    Call* call = find_by_sid(user, element.attr("id"));
    if (call == nullptr) {
        spdlog::debug("jmi {} from {} for no call", name, from);
        return;
    }
    if (name == "proceed" && !call->outgoing) {
        if (call->state != CallState::alerting || !call->user_resource.empty()) {
            // Another client was first: this one stops ringing (kept out of the winner's carbons).
            Reason reason{"cancel", "answered on another device", 0};
            send(jmi_message(outbox_, Route{call->contact, from}, "retract", call->sid, {}, &reason, true));
            return;
        }
        call->user_resource = from;
        dispatch(*call, CallEvent::jmi_proceed);
    } else if (name == "reject" && !call->outgoing) {
        EventData data;
        data.reason = reason_of(element);
        if (data.reason.condition == "success") data.reason.condition = "decline";
        call->hung_up_by = "xmpp";
        dispatch(*call, CallEvent::user_reject, data);
    } else if (name == "retract" && call->outgoing) {
        call->hung_up_by = "xmpp";
        dispatch(*call, CallEvent::user_hangup);
    } else {
        spdlog::debug("call {}: jmi {} from {}", call->sid, name, from);  // ringing, accept, finish
    }
}

void CallService::on_user_presence(const xmpp::Stanza& presence) {
    const std::string from(presence.attr("from"));
    const std::string_view type = presence.attr("type");
    if (type.empty()) {
        const std::string caps = caps_of_presence(presence);
        if (caps_.should_query(caps)) {
            xmpp::Stanza iq = outbox_.make("iq");
            const std::string id = next_iq_id();
            iq.set_attr("type", "get");
            iq.set_attr("from", options_.component_jid);
            iq.set_attr("to", from);
            iq.set_attr("id", id);
            iq.add_element("query", kDiscoInfo).set_attr("node", caps);
            disco_queries_[id] = caps;
            send(iq);
        }
        return;
    }
    if (type != "unavailable" && type != "error") return;
    const std::string user = bare_jid(from);
    auto it = by_user_.find(user);
    if (it == by_user_.end()) return;
    const bool user_offline = !accounts_.online(user);
    const std::vector<std::uint64_t> serials = it->second;
    for (std::uint64_t serial : serials) {
        auto found = calls_.find(serial);
        if (found == calls_.end()) continue;
        Call& call = found->second;
        if (call.user_resource != from && !(user_offline && call.user_resource.empty())) continue;
        if (call.hung_up_by.empty()) call.hung_up_by = "xmpp";
        EventData data;
        data.reason = Reason{"gone", "the XMPP client went offline", 0};
        spdlog::info("call {}: {} went offline", call.sid, from);
        dispatch(call, CallEvent::user_gone, data);
    }
}

bool CallService::on_iq_response(const xmpp::Stanza& iq) {
    const std::string id(iq.attr("id"));
    if (auto disco = disco_queries_.find(id); disco != disco_queries_.end()) {
        const std::string caps = disco->second;
        disco_queries_.erase(disco);
        auto query = iq.child("query", kDiscoInfo);
        if (iq.attr("type") != "result" || !query) caps_.failed(caps);
        else if (!caps_.learn(caps, *query))
            spdlog::warn("caps: the features of {} do not match their hash ({}); not cached", iq.attr("from"), caps);
        return true;
    }
    std::uint64_t serial = 0;
    char kind = 0;
    if (!parse_call_iq_id(id, serial, kind)) return false;
    if (iq.attr("type") != "error") return true;
    auto found = calls_.find(serial);
    if (found == calls_.end()) return true;
    Call& call = found->second;
    auto error = iq.child("error");
    std::string condition = "error";
    if (error) {
        for (const xmpp::Stanza& child : error->children())
            if (child.name() != "text") {
                condition = std::string(child.name());
                break;
            }
    }
    spdlog::warn("call {}: {} answered our {} with {}", call.sid, iq.attr("from"),
                 kind == 's' ? "session-initiate" : kind == 'a' ? "session-accept" : "request", condition);
    if (kind != 's' && kind != 'a') return true;
    if (call.hung_up_by.empty()) call.hung_up_by = "xmpp";
    EventData data;
    data.reason = Reason{"general-error", "the client refused the session: " + condition, 0};
    dispatch(call, kind == 's' ? CallEvent::user_reject : CallEvent::user_hangup, data);
    return true;
}

void CallService::end_all(const std::string& why) {
    std::vector<std::uint64_t> serials;
    serials.reserve(calls_.size());
    for (const auto& [serial, call] : calls_) serials.push_back(serial);
    for (std::uint64_t serial : serials) {
        auto found = calls_.find(serial);
        if (found == calls_.end()) continue;
        if (found->second.hung_up_by.empty()) found->second.hung_up_by = "gateway";
        EventData data;
        data.reason = Reason{"general-error", why, 0};
        dispatch(found->second, CallEvent::user_gone, data);
    }
}

// ---------------------------------------------------------------------------------------------
// From SIP

void CallService::on_incoming_call(sip::CallLegId leg, const sip::InviteRequest& invite) {
    ++metrics_.sip_invites_received;
    auto refuse = [&](int status, const char* phrase, const std::string& why) {
        spdlog::info("sip: INVITE {} from {} [{}]: {} {} ({})", invite.request_uri, invite.from, invite.call_id,
                     status, phrase, why);
        sip_.hang_up(leg, status, phrase);
    };
    const std::string token = token_of(invite.request_uri);
    std::optional<store::SipAccount> account;
    try {
        if (!token.empty()) account = store_.find_by_token(token);
    } catch (const store::StoreError& e) {
        spdlog::error("sip: cannot look up the callee: {}", e.what());
        return refuse(500, "Server Internal Error", "the account store failed");
    }
    if (!account) return refuse(404, "Not Found", "no user has this Contact");
    const std::string user = account->jid;
    if (!accounts_.online(user)) return refuse(480, "Temporarily Unavailable", user + " is offline");
    if (invite.sdp.empty()) {
        if (invite.has_body) return refuse(415, "Unsupported Media Type", "the body is not SDP");
        return refuse(488, "Not Acceptable Here", "an INVITE without SDP (late offer) is not supported");
    }
    const LocalpartResult caller = localpart_from_sip_uri(invite.from, account->sip_domain);
    if (!caller.localpart) return refuse(400, "Bad From", caller.error);
    const RingPlan plan = plan_ringing(accounts_.resources(user), caps_);
    if (plan.kind == RingPlan::Kind::nobody)
        return refuse(480, "Temporarily Unavailable", "none of the clients of " + user + " takes calls");
    if (auto refusal = limits_.admit(user, now())) {
        ++metrics_.calls_refused;
        return refuse(503, "Service Unavailable", *refusal);
    }
    const std::string sid = new_sid();
    const std::string contact = *caller.localpart + "@" + options_.component_jid + "/sip";
    const std::string responder = plan.kind == RingPlan::Kind::initiate ? plan.resource : user;
    auto offer = offer_jingle_from_sdp(invite.sdp, JingleParties{sid, contact, responder});
    if (!offer) {
        limits_.release(user);
        return refuse(488, "Not Acceptable Here", offer.error());
    }
    Call& call = create(false, user, sid);
    call.counted = true;
    call.leg = leg;
    by_leg_[leg] = call.serial;
    call.call_id = invite.call_id;
    call.remote_uri = invite.from;
    call.contact = contact;
    call.facts.jmi = plan.kind == RingPlan::Kind::propose;
    call.user_resource = plan.kind == RingPlan::Kind::initiate ? plan.resource : "";
    call.peer_trickle = invite.trickle_ice;
    call.offer = std::move(*offer);
    call.remote_sdp = invite.sdp;
    ++metrics_.calls_in;
    spdlog::info("call {} [{}]: INVITE from {} for {} ({})", sid, call.call_id, invite.from, user,
                 call.facts.jmi ? "ringing with JMI" : "session-initiate to " + call.user_resource);
    dispatch(call, CallEvent::sip_invite);
}

void CallService::on_call_progress(sip::CallLegId leg, const sip::SipResponse& response) {
    Call* call = find_by_leg(leg);
    if (call == nullptr) return;
    if (response.trickle_ice) call->peer_trickle = true;
    if (!response.sdp.empty() && options_.early_media_accept && call->offer) {
        auto answer = answer_jingle_from_sdp(response.sdp, *call->offer,
                                             JingleParties{call->sid, call->initiator(), call->responder()});
        if (answer) {
            call->remote_sdp = response.sdp;
            EventData data;
            data.jingle = &*answer;
            dispatch(*call, CallEvent::sip_early_media, data);
            return;
        }
        spdlog::warn("call {}: the early media answer cannot be translated: {}", call->sid, answer.error());
    }
    dispatch(*call, CallEvent::sip_ringing);
}

void CallService::on_call_answered(sip::CallLegId leg, const sip::SipResponse& response) {
    Call* call = find_by_leg(leg);
    if (call == nullptr) return;
    if (response.trickle_ice) call->peer_trickle = true;
    call->answered_at = now();
    if (call->state == CallState::early) {
        dispatch(*call, CallEvent::sip_answered);
        return;
    }
    EventData data;
    if (response.sdp.empty() || !call->offer) {
        call->hung_up_by = "gateway";
        data.reason = Reason{"incompatible-parameters", "the SIP answer carries no SDP", response.status};
        dispatch(*call, CallEvent::media_failed, data);
        return;
    }
    auto answer = answer_jingle_from_sdp(response.sdp, *call->offer,
                                         JingleParties{call->sid, call->initiator(), call->responder()});
    if (!answer) {
        spdlog::warn("call {}: the SIP answer cannot be translated: {}", call->sid, answer.error());
        call->hung_up_by = "gateway";
        data.reason = Reason{"incompatible-parameters", answer.error(), response.status};
        dispatch(*call, CallEvent::media_failed, data);
        return;
    }
    call->remote_sdp = response.sdp;
    data.jingle = &*answer;
    dispatch(*call, CallEvent::sip_answered, data);
}

sip::ReofferAnswer CallService::on_call_reoffer(sip::CallLegId leg, std::string_view sdp) {
    Call* call = find_by_leg(leg);
    if (call == nullptr || call->state != CallState::active) return {491, "Request Pending", {}, {}};
    if (sdp.empty()) return {200, "OK", call->local_sdp, {}};  // an offerless refresh: our SDP is the offer
    auto reoffer = compare_reoffer(call->remote_sdp, sdp);
    if (!reoffer) {
        spdlog::warn("call {} [{}]: re-INVITE refused: {}", call->sid, call->call_id, reoffer.error());
        return {488, "Not Acceptable Here", {}, reoffer.error()};
    }
    if (reoffer->kind == Reoffer::Kind::changed) {
        const std::string why = "the gateway cannot change the media of a call: " + reoffer->what_changed;
        spdlog::info("call {} [{}]: re-INVITE refused: {}", call->sid, call->call_id, why);
        return {488, "Not Acceptable Here", {}, why};
    }
    auto answer = sdp_answering_directions(call->local_sdp, sdp, call->local_hold);
    if (!answer) {
        spdlog::warn("call {} [{}]: re-INVITE refused: {}", call->sid, call->call_id, answer.error());
        return {488, "Not Acceptable Here", {}, answer.error()};
    }
    if (reoffer->remote_holds != call->remote_hold) {
        call->remote_hold = reoffer->remote_holds;
        spdlog::info("call {} [{}]: {} by the SIP peer", call->sid, call->call_id,
                     call->remote_hold ? "hold" : "resume");
        send(session_info_iq(outbox_, Route{call->contact, call->user_resource},
                             call_iq_id(call->serial, 'i', next_iq_++), call->sid, call->initiator(),
                             call->remote_hold ? "hold" : "unhold"));
    }
    call->local_sdp = *answer;
    call->remote_sdp = std::string(sdp);
    return {200, "OK", std::move(*answer), {}};
}

void CallService::on_reinvite_result(sip::CallLegId leg, const sip::SipResponse& response) {
    Call* call = find_by_leg(leg);
    if (call == nullptr) return;
    if (response.status >= 300) {
        spdlog::warn("call {} [{}]: the SIP peer refused the re-INVITE: {}", call->sid, call->call_id,
                     status_text(response.status, response.phrase));
        return;
    }
    if (!response.sdp.empty()) call->remote_sdp = response.sdp;
}

void CallService::on_call_info(sip::CallLegId leg, std::string_view content_type, std::string_view body) {
    Call* call = find_by_leg(leg);
    if (call == nullptr || content_type != kSdpFrag || call->user_resource.empty()) return;
    call->peer_trickle = true;
    auto fragment = media::parse_sdpfrag(body);
    if (!fragment) {
        spdlog::warn("call {}: malformed trickle INFO: {}", call->sid, fragment.error());
        return;
    }
    auto remote = media::parse_sdp(call->remote_sdp);
    media::ToJingleOptions options;
    options.writer = call->outgoing ? media::Role::responder : media::Role::initiator;
    options.action = "transport-info";
    options.sid = call->sid;
    options.initiator = call->initiator();
    options.responder = call->responder();
    auto info = media::sdpfrag_to_transport_info(*fragment, remote ? &*remote : nullptr, options);
    if (!info) {
        spdlog::warn("call {}: trickle INFO cannot be translated: {}", call->sid, info.error());
        return;
    }
    auto iq = jingle_iq(outbox_, Route{call->contact, call->user_resource}, call_iq_id(call->serial, 'i', next_iq_++),
                        *info);
    if (iq) send(*iq);
}

void CallService::on_call_ended(sip::CallLegId leg, const sip::CallEnd& end) {
    Call* call = find_by_leg(leg);
    if (call == nullptr) return;
    by_leg_.erase(leg);
    call->leg = 0;
    if (call->hung_up_by.empty()) call->hung_up_by = end.by_remote ? "sip" : "gateway";
    if (call->sip_status == 0 || end.by_remote) {
        call->sip_status = end.status;
        call->sip_phrase = end.phrase;
    }
    EventData data;
    if (end.reason == "BYE") data.reason = Reason{"success", "the SIP peer hung up", 0};
    else if (end.reason == "CANCEL") data.reason = Reason{"cancel", "the caller hung up", 487};
    else data.reason = Reason{std::string(jingle_reason_for_sip(end.status)), status_text(end.status, end.phrase),
                              end.status};
    dispatch(*call, CallEvent::sip_ended, data);
}

}  // namespace gw
