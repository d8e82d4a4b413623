#include "sip/user_agent.hpp"

#include "sip/bind_check.hpp"
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

std::string bind_url(const AgentOptions& o) {
    // Sofia binds to maddr and advertises the host part (the way mod_sofia sets ext-sip-ip).
    const bool v6 = o.bind_host.find(':') != std::string::npos;
    const std::string bind = v6 ? "[" + o.bind_host + "]" : o.bind_host;
    if (o.public_host.empty()) return "sip:" + bind + ":" + std::to_string(o.port);
    const bool public_v6 = o.public_host.find(':') != std::string::npos;
    const std::string pub = public_v6 ? "[" + o.public_host + "]" : o.public_host;
    return "sip:" + pub + ":" + std::to_string(o.port) + ";maddr=" + bind;
}

std::string header_uri(const url_t* url) {
    if (url == nullptr) return {};
    char buffer[512];
    if (url_e(buffer, sizeof buffer, url) < 0) return {};
    return buffer;
}

void on_nua_event(nua_event_t event, int status, const char* phrase, nua_t*, UserAgent* agent,
                  nua_handle_t* nh, HandleContext* context, const sip_t* sip, tagi_t*) {
    try {
        agent->handle_event(event, status, phrase, nh, context, sip);
    } catch (const std::exception& e) {
        spdlog::error("sip: event {} ({} {}): {}", nua_event_name(event), status,
                      phrase ? phrase : "", e.what());
    } catch (...) {
        spdlog::error("sip: event {}: unknown exception", nua_event_name(event));
    }
}

}  // namespace

UserAgent::UserAgent(SofiaLoop& loop, AgentOptions options, SipListener& listener)
    : loop_(loop), options_(std::move(options)), listener_(listener) {
    if (auto problem = bind_problem(options_.bind_host, options_.port))
        throw std::runtime_error("cannot listen for SIP on " + *problem);
    route_sofia_log(options_.trace);
    const std::string url = bind_url(options_);
    nua_ = nua_create(loop_.root(), &on_nua_event, this,
                      NUTAG_URL(url.c_str()),
                      NUTAG_MEDIA_ENABLE(0),
                      SIPTAG_USER_AGENT_STR(options_.user_agent.c_str()),
                      NUTAG_ALLOW("INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE, PRACK"),
                      NUTAG_ENABLEMESSAGE(0),
                      TAG_END());
    if (nua_ == nullptr)
        throw std::runtime_error("Sofia-SIP could not start a user agent on " + url);
    registrations_ = std::make_unique<Registrations>(nua_, listener_, [this] { loop_.kick(); });
    spdlog::info("sip: listening on {}:{} (udp, tcp){}", options_.bind_host, options_.port,
                 options_.public_host.empty() ? "" : ", advertising " + options_.public_host);
}

UserAgent::~UserAgent() {
    registrations_.reset();
    // nua_destroy() aborts unless nua_shutdown() has completed; the application runs the loop
    // until on_sip_shutdown_complete() before destroying the agent.
    if (nua_ != nullptr && shutdown_complete_) nua_destroy(nua_);
    else if (nua_ != nullptr) spdlog::warn("sip: user agent destroyed before shutdown completed");
}

void UserAgent::shutdown() {
    if (shutdown_started_) return;
    shutdown_started_ = true;
    nua_shutdown(nua_);
    loop_.kick();
}

RegistrationId UserAgent::register_user(const RegistrationRequest& request) {
    return registrations_->add(request);
}

void UserAgent::unregister_user(RegistrationId id) { registrations_->remove(id); }

std::size_t UserAgent::registration_count() const { return registrations_->size(); }

void UserAgent::handle_event(int event, int status, const char* phrase, nua_handle_t* nh,
                             HandleContext* context, const sip_t* sip) {
    if (context != nullptr) {
        registrations_->on_event(event, status, phrase, nh, context, sip);
        return;
    }
    switch (static_cast<nua_event_t>(event)) {
    case nua_r_shutdown:
        if (status >= 200 && !shutdown_complete_) {
            shutdown_complete_ = true;
            spdlog::info("sip: user agent shut down ({} {})", status, phrase ? phrase : "");
            listener_.on_sip_shutdown_complete();
        }
        return;
    case nua_i_invite:
        answer_invite(nh, sip);
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

void UserAgent::answer_invite(nua_handle_t* nh, const sip_t* sip) {
    InviteRequest invite;
    if (sip != nullptr) {
        if (sip->sip_request) invite.request_uri = header_uri(sip->sip_request->rq_url);
        if (sip->sip_from) invite.from = header_uri(sip->sip_from->a_url);
        if (sip->sip_to) invite.to = header_uri(sip->sip_to->a_url);
        if (sip->sip_call_id && sip->sip_call_id->i_id) invite.call_id = sip->sip_call_id->i_id;
        if (sip->sip_payload && sip->sip_payload->pl_data)
            invite.sdp.assign(sip->sip_payload->pl_data, sip->sip_payload->pl_len);
    }
    SipStatus answer = listener_.on_incoming_invite(invite);
    nua_respond(nh, answer.code, answer.phrase.c_str(), TAG_END());
}

}  // namespace gw::sip
