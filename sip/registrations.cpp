#include "sip/registrations.hpp"

#include "sip/digest.hpp"
#include "sip/sip_listener.hpp"
#include "sip/sofia.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>


namespace gw::sip {

const char* to_string(RegistrationState state) {
    switch (state) {
    case RegistrationState::registered: return "registered";
    case RegistrationState::failed: return "failed";
    case RegistrationState::unregistered: return "unregistered";
    }
    return "?";
}

namespace {

unsigned granted_expires(const sip_t* sip) {
    if (sip == nullptr) return 0;
    if (sip->sip_contact != nullptr && sip->sip_contact->m_expires != nullptr)
        return static_cast<unsigned>(std::strtoul(sip->sip_contact->m_expires, nullptr, 10));
    if (sip->sip_expires != nullptr) return static_cast<unsigned>(sip->sip_expires->ex_delta);
    return 0;
}

// "<sip:a;lr>, <sip:b;lr>" from a 2xx's Service-Route headers; empty without any.
std::string service_route_of(const sip_t* sip) {
    std::string route;
    if (sip == nullptr) return route;
    for (const sip_route_t* r = sip->sip_service_route; r != nullptr; r = r->r_next) {
        char uri[512];
        if (url_e(uri, sizeof uri, r->r_url) < 0) continue;
        if (!route.empty()) route += ", ";
        route += "<" + std::string(uri) + ">";
    }
    return route;
}

}  // namespace

Registrations::Registrations(nua_t* nua, SipListener& listener, std::function<void()> wake, ContactAddress contact,
                             ServiceRoutes* service_routes)
    : nua_(nua), listener_(listener), wake_(std::move(wake)), contact_(std::move(contact)),
      service_routes_(service_routes) {}

Registrations::~Registrations() {
    for (auto& [id, entry] : handles_) {
        nua_handle_bind(entry.handle, nullptr);
        nua_handle_destroy(entry.handle);
    }
}

RegistrationId Registrations::add(const RegistrationRequest& request) {
    const RegistrationId id = next_id_++;
    auto context = std::make_unique<HandleContext>();
    context->kind = HandleContext::Kind::registration;
    context->id = id;
    context->auth_user = request.auth_user;
    context->password = request.password;
    nua_handle_t* nh = nua_handle(nua_, context.get(),
                                  SIPTAG_TO_STR(request.aor.c_str()),
                                  SIPTAG_FROM_STR(request.aor.c_str()),
                                  TAG_END());
    if (nh == nullptr) throw std::bad_alloc();
    const std::string expires = std::to_string(request.expires_s);
    const std::string contact = contact_header(contact_, request.contact_user,
                                               request.proxy.empty() ? request.registrar : request.proxy);
    // The outbound proxy as a loose route (RFC 3261 8.1.2): Sofia keeps it for refreshes.
    const std::string route = request.proxy.empty() ? "" : "<" + request.proxy + ";lr>";
    nua_register(nh,
                 TAG_IF(!route.empty(), SIPTAG_ROUTE_STR(route.c_str())),
                 NUTAG_REGISTRAR(request.registrar.c_str()),
                 SIPTAG_CONTACT_STR(contact.c_str()),
                 SIPTAG_EXPIRES_STR(expires.c_str()),
                 // The gateway answers OPTIONS itself; no keepalive probing or Contact checks.
                 NUTAG_OUTBOUND("no-options-keepalive, no-validate"),
                 TAG_END());
    handles_.emplace(id, Entry{nh, std::move(context), request.aor});
    wake_();
    return id;
}

void Registrations::remove(RegistrationId id) {
    auto found = handles_.find(id);
    if (found == handles_.end() || found->second.context->unregistering) return;
    found->second.context->unregistering = true;
    found->second.context->credentials_sent = false;
    nua_unregister(found->second.handle, TAG_END());
    wake_();
}

void Registrations::on_event(int event, int status, const char* phrase, nua_handle_t* nh,
                             HandleContext* context, const sip_t* sip) {
    if (context == nullptr) return;
    const auto kind = static_cast<nua_event_t>(event);
    if (kind != nua_r_register && kind != nua_r_unregister) return;
    spdlog::debug("sip: registration {}: {} {} {}", context->id, nua_event_name(kind), status,
                  phrase ? phrase : "");
    if (status < 200) return;
    if (status == 401 || status == 407) {
        if (answer_digest_challenge(nh, *context, sip)) return;
    }
    const RegistrationId id = context->id;
    if (kind == nua_r_unregister) {
        finish(id, RegistrationState::unregistered, status, phrase);
        return;
    }
    if (status >= 200 && status < 300) {
        context->credentials_sent = false;  // the next refresh may be challenged afresh
        if (service_routes_ != nullptr) {
            auto found = handles_.find(id);
            if (found != handles_.end()) service_routes_->set(found->second.aor, service_route_of(sip));
        }
        RegistrationEvent registered{id, RegistrationState::registered, status, phrase ? phrase : "",
                                     granted_expires(sip)};
        listener_.on_registration(registered);
        return;
    }
    finish(id, RegistrationState::failed, status, phrase);
}

void Registrations::finish(RegistrationId id, RegistrationState state, int status, const char* phrase) {
    auto found = handles_.find(id);
    if (found == handles_.end()) return;
    if (service_routes_ != nullptr) service_routes_->set(found->second.aor, {});
    nua_handle_bind(found->second.handle, nullptr);
    nua_handle_destroy(found->second.handle);
    handles_.erase(found);
    wake_();
    listener_.on_registration(RegistrationEvent{id, state, status, phrase ? phrase : "", 0});
}

}  // namespace gw::sip
