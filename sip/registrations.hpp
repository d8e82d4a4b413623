// The registrations the user agent keeps: one Sofia handle each, digest challenges answered
// with the user's credentials, refreshes left to Sofia, outcomes reported to the listener.
#pragma once

#include "sip/contact.hpp"
#include "sip/handle_context.hpp"
#include "sip/registration.hpp"
#include "sip/service_routes.hpp"

#include <functional>
#include <memory>
#include <unordered_map>

struct nua_s;
struct nua_handle_s;
struct sip_s;

namespace gw::sip {

class SipListener;

class Registrations {
public:
    // `service_routes`: where registrars' Service-Routes are kept for calls (nullptr: not kept).
    Registrations(nua_s* nua, SipListener& listener, std::function<void()> wake, ContactAddress contact,
                  ServiceRoutes* service_routes = nullptr);
    ~Registrations();

    RegistrationId add(const RegistrationRequest& request);
    // Removes the binding at the registrar; the listener hears `unregistered` when done.
    // Unknown ids (already failed or removed) are ignored.
    void remove(RegistrationId id);
    std::size_t size() const { return handles_.size(); }

    // Events of handles bound to a registration context.
    void on_event(int event, int status, const char* phrase, nua_handle_s* nh, HandleContext* context,
                  const sip_s* sip);

private:
    struct Entry {
        nua_handle_s* handle = nullptr;
        std::unique_ptr<HandleContext> context;
        std::string aor;
    };
    void finish(RegistrationId id, RegistrationState state, int status, const char* phrase);

    nua_s* nua_;
    SipListener& listener_;
    std::function<void()> wake_;
    ContactAddress contact_;
    ServiceRoutes* service_routes_;
    RegistrationId next_id_ = 1;
    std::unordered_map<RegistrationId, Entry> handles_;
};

}  // namespace gw::sip
