// The gateway's protocol logic: hears both protocol layers (it implements their listener
// interfaces) and answers through them. Protocol layers never call into it directly.
#pragma once

#include "gateway/iq_router.hpp"
#include "gateway/metrics.hpp"
#include "sip/sip_listener.hpp"
#include "xmpp/component_listener.hpp"

#include <functional>
#include <string>

namespace gw {
namespace xmpp {
class ComponentLink;
}

class Bridge : public xmpp::ComponentListener, public sip::SipListener {
public:
    Bridge(std::string component_jid, Metrics& metrics);

    void attach(xmpp::ComponentLink* link) { link_ = link; }
    std::function<void()> on_sip_stopped;  // set by the application

    // xmpp::ComponentListener
    void on_component_connected() override;
    void on_component_disconnected(const std::string& reason, double retry_in_s) override;
    void on_stanza(const xmpp::Stanza& stanza) override;

    // sip::SipListener
    sip::SipStatus on_incoming_invite(const sip::InviteRequest& invite) override;
    void on_registration(const sip::RegistrationEvent& event) override;
    void on_sip_shutdown_complete() override;

private:
    void send(const xmpp::Stanza& stanza);

    std::string component_jid_;
    Metrics& metrics_;
    IqRouter iq_router_;
    xmpp::ComponentLink* link_ = nullptr;
};

}  // namespace gw
