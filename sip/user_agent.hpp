// The one Sofia-SIP NUA user agent that serves every user of the gateway.
#pragma once

#include "sip/agent_options.hpp"
#include "sip/registration.hpp"

#include <memory>

#include <string>

struct nua_s;
struct nua_handle_s;
struct sip_s;

namespace gw::sip {

class Registrations;
class SipListener;
class SofiaLoop;
struct HandleContext;

class UserAgent {
public:
    // Binds UDP and TCP on the configured address. Throws std::runtime_error with a message an
    // admin can act on ("127.0.0.1:5060/udp: Address already in use").
    UserAgent(SofiaLoop& loop, AgentOptions options, SipListener& listener);
    ~UserAgent();
    UserAgent(const UserAgent&) = delete;
    UserAgent& operator=(const UserAgent&) = delete;

    // Starts a graceful shutdown; the listener hears on_sip_shutdown_complete() when done.
    void shutdown();
    bool shut_down() const { return shutdown_complete_; }

    const AgentOptions& options() const { return options_; }

    // Keeps `request` registered (Sofia refreshes it) until unregister_user() or a failure;
    // outcomes arrive as SipListener::on_registration().
    RegistrationId register_user(const RegistrationRequest& request);
    void unregister_user(RegistrationId id);
    std::size_t registration_count() const;

    // Trampoline for Sofia; public only because Sofia's callback type needs a free function.
    void handle_event(int event, int status, const char* phrase, nua_handle_s* nh,
                      HandleContext* context, const sip_s* sip);

private:
    void answer_invite(nua_handle_s* nh, const sip_s* sip);

    SofiaLoop& loop_;
    AgentOptions options_;
    SipListener& listener_;
    nua_s* nua_ = nullptr;
    std::unique_ptr<Registrations> registrations_;
    bool shutdown_started_ = false;
    bool shutdown_complete_ = false;
};

}  // namespace gw::sip
