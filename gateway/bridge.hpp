// The gateway's protocol logic: hears both protocol layers (it implements their listener
// interfaces), routes what arrives to the services, and sends through the component link.
// Protocol layers never call into it directly.
#pragma once

#include "gateway/accounts_service.hpp"
#include "gateway/call_service.hpp"
#include "gateway/contacts_service.hpp"
#include "gateway/iq_router.hpp"
#include "gateway/metrics.hpp"
#include "gateway/outbox.hpp"
#include "sip/sip_listener.hpp"
#include "xmpp/component_listener.hpp"

#include <functional>
#include <memory>
#include <string>

struct event_base;
struct event;

namespace gw {
namespace xmpp {
class ComponentLink;
}

struct BridgeOptions {
    AccountsOptions accounts;
    CallOptions calls;
    double link_grace_s = 60.0;
};

class Bridge : public xmpp::ComponentListener, public sip::SipListener, private Outbox {
public:
    Bridge(BridgeOptions options, Metrics& metrics, store::AccountStore& store, Registrar& registrar,
           SipCalls& sip_calls, event_base* base);
    ~Bridge() override;

    void attach(xmpp::ComponentLink* link) { link_ = link; }
    std::function<void()> on_sip_stopped;  // set by the application

    // xmpp::ComponentListener
    void on_component_connected() override;
    void on_component_disconnected(const std::string& reason, double retry_in_s) override;
    void on_stanza(const xmpp::Stanza& stanza) override;

    // sip::SipListener
    void on_incoming_call(sip::CallLegId id, const sip::InviteRequest& invite) override;
    void on_call_progress(sip::CallLegId id, const sip::SipResponse& response) override;
    void on_call_answered(sip::CallLegId id, const sip::SipResponse& response) override;
    sip::ReofferAnswer on_call_reoffer(sip::CallLegId id, std::string_view sdp) override;
    void on_reinvite_result(sip::CallLegId id, const sip::SipResponse& response) override;
    void on_call_info(sip::CallLegId id, std::string_view content_type, std::string_view body) override;
    void on_call_ended(sip::CallLegId id, const sip::CallEnd& end) override;
    void on_registration(const sip::RegistrationEvent& event) override;
    void on_sip_shutdown_complete() override;

    AccountsService& accounts() { return accounts_; }
    CallService& calls() { return calls_; }

private:
    // Outbox
    xmpp::Stanza make(const char* name) override;
    void send(const xmpp::Stanza& stanza) override;

    void on_presence(const xmpp::Stanza& presence);
    static void on_grace_over(int, short, void* self);

    BridgeOptions options_;
    Metrics& metrics_;
    IqRouter iq_router_;
    AccountsService accounts_;
    ContactsService contacts_;
    CallService calls_;
    xmpp::ComponentLink* link_ = nullptr;
    event* grace_timer_ = nullptr;
};

}  // namespace gw
