// The one Sofia-SIP NUA user agent that serves every user of the gateway.
#pragma once

#include "sip/agent_options.hpp"
#include "sip/call_leg.hpp"
#include "sip/contact.hpp"
#include "sip/registration.hpp"
#include "sip/service_routes.hpp"

#include <memory>
#include <string>
#include <string_view>

struct nua_s;
struct nua_handle_s;
struct sip_s;

namespace gw::sip {

class CallLegs;
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

    // Calls. Outcomes arrive as SipListener::on_call_*(); every leg ends with on_call_ended().
    CallLegId invite(const OutgoingCall& call);
    void respond(CallLegId id, int status, std::string_view phrase, std::string_view sdp = {});
    // CANCEL, BYE, or for an unanswered incoming call the final response given here.
    void hang_up(CallLegId id, int status = 480, std::string_view phrase = "Temporarily Unavailable");
    void reinvite(CallLegId id, std::string_view sdp);
    void info(CallLegId id, std::string_view content_type, std::string_view info_package,
              std::string_view body);
    std::size_t call_leg_count() const;

    // Trampoline for Sofia; public only because Sofia's callback type needs a free function.
    void handle_event(nua_s* nua, int event, int status, const char* phrase, nua_handle_s* nh,
                      HandleContext* context, const sip_s* sip, int callstate);

private:
    nua_s* create_nua(std::uint16_t port);
    void incoming_invite(nua_s* nua, nua_handle_s* nh, const sip_s* sip);
    unsigned user_agent_count() const { return outgoing_nua_ != nullptr ? 2 : 1; }

    SofiaLoop& loop_;
    AgentOptions options_;
    SipListener& listener_;
    nua_s* nua_ = nullptr;           // registrations, incoming calls, and outgoing calls unless:
    nua_s* outgoing_nua_ = nullptr;  // outgoing calls, when options_.outgoing_port is set
    unsigned user_agents_shut_down_ = 0;
    ServiceRoutes service_routes_;   // used with outgoing_nua_ only
    ContactAddress contact_;           // advertised address of nua_
    ContactAddress outgoing_contact_;  // of outgoing_nua_ (contact_ without one)
    std::unique_ptr<Registrations> registrations_;
    std::unique_ptr<CallLegs> calls_;
    bool shutdown_started_ = false;
    bool shutdown_complete_ = false;
};

}  // namespace gw::sip
