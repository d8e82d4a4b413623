#include "sip/user_agent.hpp"

#include "sip/bind_check.hpp"
#include "sip/call_legs.hpp"
#include "sip/handle_context.hpp"
#include "sip/registrations.hpp"
#include "sip/sip_listener.hpp"
#include "sip/sofia.hpp"
#include "sip/sofia_log.hpp"
#include "sip/sofia_loop.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace gw::sip {
namespace {

std::string bind_url(const AgentOptions& o, std::uint16_t port) {
    // Sofia binds to maddr and advertises the host part (the way mod_sofia sets ext-sip-ip).
    const bool v6 = o.bind_host.find(':') != std::string::npos;
    const std::string bind = v6 ? "[" + o.bind_host + "]" : o.bind_host;
    if (o.public_host.empty()) return "sip:" + bind + ":" + std::to_string(port);
    const bool public_v6 = o.public_host.find(':') != std::string::npos;
    const std::string pub = public_v6 ? "[" + o.public_host + "]" : o.public_host;
    return "sip:" + pub + ":" + std::to_string(port) + ";maddr=" + bind;
}

std::string header_uri(const url_t* url) {
    if (url == nullptr) return {};
    char buffer[512];
    if (url_e(buffer, sizeof buffer, url) < 0) return {};
    return buffer;
}

void on_nua_event(nua_event_t event, int status, const char* phrase, nua_t* nua, UserAgent* agent,
                  nua_handle_t* nh, HandleContext* context, const sip_t* sip, tagi_t* tags) {
    try {
        int callstate = -1;
        if (event == nua_i_state) tl_gets(tags, NUTAG_CALLSTATE_REF(callstate), TAG_END());
        agent->handle_event(nua, event, status, phrase, nh, context, sip, callstate);
    } catch (const std::exception& e) {
        spdlog::error("sip: event {} ({} {}): {}", nua_event_name(event), status,
                      phrase ? phrase : "", e.what());
    } catch (...) {
        spdlog::error("sip: event {}: unknown exception", nua_event_name(event));
    }
}

}  // namespace

nua_t* UserAgent::create_nua(std::uint16_t port) {
    if (auto problem = bind_problem(options_.bind_host, port))
        throw std::runtime_error("cannot listen for SIP on " + *problem);
    const std::string url = bind_url(options_, port);
    nua_t* nua = nua_create(loop_.root(), &on_nua_event, this,
                            NUTAG_URL(url.c_str()),
                            NUTAG_MEDIA_ENABLE(0),
                            SIPTAG_USER_AGENT_STR(options_.user_agent.c_str()),
                            NUTAG_ALLOW("INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE, PRACK"),
                            NUTAG_ENABLEMESSAGE(0),
                            // 100rel: PRACK reliable provisional responses (early media answers).
                            NUTAG_EARLY_MEDIA(1),
                            // RFC 4028: ask for a session timer, refresh with UPDATE (no SDP
                            // needed) where the peer allows it.
                            NUTAG_SESSION_TIMER(options_.session_timer_s),
                            NUTAG_MIN_SE(90),
                            NUTAG_SESSION_REFRESHER(nua_any_refresher),
                            NUTAG_UPDATE_REFRESH(1),
                            NUTAG_REFRESH_WITHOUT_SDP(1),
                            NUTAG_AUTOANSWER(0),
                            NUTAG_AUTOALERT(0),
                            SIPTAG_SUPPORTED_STR("timer, 100rel, trickle-ice"),
                            TAG_END());
    if (nua == nullptr) throw std::runtime_error("Sofia-SIP could not start a user agent on " + url);
    return nua;
}

UserAgent::UserAgent(SofiaLoop& loop, AgentOptions options, SipListener& listener)
    : loop_(loop), options_(std::move(options)), listener_(listener) {
    route_sofia_log(options_.trace);
    nua_ = create_nua(options_.port);
    contact_ = {options_.public_host.empty() ? options_.bind_host : options_.public_host, options_.port};
    outgoing_contact_ = contact_;
    if (options_.outgoing_port != 0) {
        outgoing_nua_ = create_nua(options_.outgoing_port);
        outgoing_contact_.port = options_.outgoing_port;
    }
    // With one user agent Sofia applies registrars' Service-Routes itself; with two, we do.
    ServiceRoutes* routes = outgoing_nua_ != nullptr ? &service_routes_ : nullptr;
    registrations_ = std::make_unique<Registrations>(nua_, listener_, [this] { loop_.kick(); }, contact_, routes);
    calls_ = std::make_unique<CallLegs>(outgoing_nua_ != nullptr ? outgoing_nua_ : nua_, listener_,
                                        [this] { loop_.kick(); }, outgoing_contact_, routes);
    spdlog::info("sip: listening on {}:{} (udp, tcp){}{}", options_.bind_host, options_.port,
                 options_.outgoing_port == 0 ? "" : ", outgoing calls from port " + std::to_string(options_.outgoing_port),
                 options_.public_host.empty() ? "" : ", advertising " + options_.public_host);
}

UserAgent::~UserAgent() {
    calls_.reset();
    registrations_.reset();
    // nua_destroy() aborts unless nua_shutdown() has completed; the application runs the loop
    // until on_sip_shutdown_complete() before destroying the agent.
    if (shutdown_complete_) {
        nua_destroy(nua_);
        if (outgoing_nua_ != nullptr) nua_destroy(outgoing_nua_);
    } else {
        spdlog::warn("sip: user agent destroyed before shutdown completed");
    }
}

void UserAgent::shutdown() {
    if (shutdown_started_) return;
    shutdown_started_ = true;
    nua_shutdown(nua_);
    if (outgoing_nua_ != nullptr) nua_shutdown(outgoing_nua_);
    loop_.kick();
}

RegistrationId UserAgent::register_user(const RegistrationRequest& request) {
    return registrations_->add(request);
}

void UserAgent::unregister_user(RegistrationId id) { registrations_->remove(id); }

std::size_t UserAgent::registration_count() const { return registrations_->size(); }

CallLegId UserAgent::invite(const OutgoingCall& call) { return calls_->invite(call); }

void UserAgent::respond(CallLegId id, int status, std::string_view phrase, std::string_view sdp) {
    calls_->respond(id, status, phrase, sdp);
}

void UserAgent::hang_up(CallLegId id, int status, std::string_view phrase) {
    calls_->hang_up(id, status, phrase);
}

void UserAgent::reinvite(CallLegId id, std::string_view sdp) { calls_->reinvite(id, sdp); }

void UserAgent::info(CallLegId id, std::string_view content_type, std::string_view info_package,
                     std::string_view body) {
    calls_->info(id, content_type, info_package, body);
}

std::size_t UserAgent::call_leg_count() const { return calls_->size(); }

void UserAgent::handle_event(nua_t* nua, int event, int status, const char* phrase, nua_handle_t* nh,
                             HandleContext* context, const sip_t* sip, int callstate) {
    if (context != nullptr) {
        if (context->kind == HandleContext::Kind::call)
            calls_->on_event(event, status, phrase, nh, context, sip, callstate);
        else
            registrations_->on_event(event, status, phrase, nh, context, sip);
        return;
    }
    switch (static_cast<nua_event_t>(event)) {
    case nua_r_shutdown:
        if (status >= 200 && !shutdown_complete_ && ++user_agents_shut_down_ == user_agent_count()) {
            shutdown_complete_ = true;
            spdlog::info("sip: user agent shut down ({} {})", status, phrase ? phrase : "");
            listener_.on_sip_shutdown_complete();
        }
        return;
    case nua_i_invite:
        incoming_invite(nua, nh, sip);
        return;
    case nua_i_terminated:
        // Handles Sofia created for incoming requests we answered are released here.
        nua_handle_destroy(nh);
        return;
    default:
        spdlog::trace("sip: {} {} {}", nua_event_name(static_cast<nua_event_t>(event)), status,
                      phrase ? phrase : "");
        return;
    }
}

void UserAgent::incoming_invite(nua_t* nua, nua_handle_t* nh, const sip_t* sip) {
    if (shutdown_started_) {
        nua_respond(nh, 503, "Service Unavailable", TAG_END());
        return;
    }
    InviteRequest invite;
    if (sip != nullptr) {
        if (sip->sip_request) invite.request_uri = header_uri(sip->sip_request->rq_url);
        if (sip->sip_from) {
            invite.from = header_uri(sip->sip_from->a_url);
            if (sip->sip_from->a_display) invite.from_display = sip->sip_from->a_display;
        }
        if (sip->sip_to) invite.to = header_uri(sip->sip_to->a_url);
        if (sip->sip_call_id && sip->sip_call_id->i_id) invite.call_id = sip->sip_call_id->i_id;
        invite.has_body = sip->sip_payload != nullptr && sip->sip_payload->pl_len > 0;
        const bool sdp = sip->sip_content_type == nullptr || sip->sip_content_type->c_type == nullptr ||
                         su_casematch(sip->sip_content_type->c_type, "application/sdp");
        if (invite.has_body && sdp && sip->sip_payload->pl_data)
            invite.sdp.assign(sip->sip_payload->pl_data, sip->sip_payload->pl_len);
        invite.trickle_ice = sip_has_supported(sip->sip_supported, "trickle-ice") != 0;
    }
    std::string via = "SIP/2.0/UDP";
    if (sip != nullptr && sip->sip_via != nullptr && sip->sip_via->v_protocol != nullptr) via = sip->sip_via->v_protocol;
    // Answered with a Contact at the port the INVITE reached, where its dialog lives.
    const CallLegId id = calls_->adopt(nh, via, nua == nua_ ? contact_ : outgoing_contact_);
    listener_.on_incoming_call(id, invite);
}

}  // namespace gw::sip
