#include "gateway/bridge.hpp"

#include "gateway/jid.hpp"
#include "gateway/service_discovery.hpp"
#include "xmpp/component_link.hpp"
#include "xmpp/stanza.hpp"

#include <event2/event.h>
#include <spdlog/spdlog.h>

#include <stdexcept>

namespace gw {

Bridge::Bridge(BridgeOptions options, Metrics& metrics, store::AccountStore& store, Registrar& registrar,
               SipCalls& sip_calls, event_base* base)
    : options_(std::move(options)),
      metrics_(metrics),
      accounts_(options_.accounts, store, registrar, *this, base, metrics),
      contacts_(options_.accounts.component_jid, options_.accounts.default_domain, *this),
      calls_(options_.calls, sip_calls, *this, accounts_, store, base, metrics) {
    add_service_discovery(iq_router_, options_.accounts.component_jid, contact_disco_info(),
                          contacts_.caps_node());
    accounts_.add_routes(iq_router_);
    contacts_.add_routes(iq_router_);
    calls_.add_routes(iq_router_);
    iq_router_.on_response = [this](const xmpp::Stanza& iq) { calls_.on_iq_response(iq); };
    grace_timer_ = event_new(base, -1, 0, &Bridge::on_grace_over, this);
}

Bridge::~Bridge() { event_free(grace_timer_); }

xmpp::Stanza Bridge::make(const char* name) {
    if (link_ == nullptr) throw std::logic_error("no component link attached");
    return link_->new_stanza(name);
}

void Bridge::send(const xmpp::Stanza& stanza) {
    if (link_ != nullptr) link_->send(stanza);
}

void Bridge::on_component_connected() {
    metrics_.component_connected = true;
    ++metrics_.component_connects;
    event_del(grace_timer_);
    accounts_.probe_all();
}

void Bridge::on_component_disconnected(const std::string&, double retry_in_s) {
    if (metrics_.component_connected) {
        ++metrics_.component_disconnects;
        if (retry_in_s >= 0) {
            const auto whole = static_cast<long>(options_.link_grace_s);
            timeval grace{whole, static_cast<long>((options_.link_grace_s - static_cast<double>(whole)) * 1e6)};
            event_add(grace_timer_, &grace);
        }
    }
    metrics_.component_connected = false;
}

void Bridge::on_grace_over(int, short, void* raw) {
    auto* self = static_cast<Bridge*>(raw);
    spdlog::warn("xmpp: link down for {} s: every user counts as offline", self->options_.link_grace_s);
    self->calls_.end_all("the gateway lost its link to the XMPP server");
    self->accounts_.everyone_offline();
}

void Bridge::on_stanza(const xmpp::Stanza& stanza) {
    ++metrics_.stanzas_received;
    const std::string_view name = stanza.name();
    if (name == "iq") {
        iq_router_.dispatch(stanza, [this](const xmpp::Stanza& reply) {
            if (reply.attr("type") == "error") ++metrics_.iq_errors_sent;
            send(reply);
        });
    } else if (name == "presence") {
        on_presence(stanza);
    } else if (name == "message") {
        calls_.on_message(stanza);
    } else {
        spdlog::debug("xmpp: {} from {} ignored", name, stanza.attr("from"));
    }
}

void Bridge::on_presence(const xmpp::Stanza& presence) {
    const std::string to = bare_jid(presence.attr("to"));
    if (to == options_.accounts.component_jid) {
        accounts_.on_user_presence(presence);
        calls_.on_user_presence(presence);
    } else {
        contacts_.on_contact_presence(presence);
    }
}

void Bridge::on_incoming_call(sip::CallLegId id, const sip::InviteRequest& invite) {
    calls_.on_incoming_call(id, invite);
}
void Bridge::on_call_progress(sip::CallLegId id, const sip::SipResponse& response) {
    calls_.on_call_progress(id, response);
}
void Bridge::on_call_answered(sip::CallLegId id, const sip::SipResponse& response) {
    calls_.on_call_answered(id, response);
}
sip::ReofferAnswer Bridge::on_call_reoffer(sip::CallLegId id, std::string_view sdp) {
    return calls_.on_call_reoffer(id, sdp);
}
void Bridge::on_reinvite_result(sip::CallLegId id, const sip::SipResponse& response) {
    calls_.on_reinvite_result(id, response);
}
void Bridge::on_call_info(sip::CallLegId id, std::string_view content_type, std::string_view body) {
    calls_.on_call_info(id, content_type, body);
}
void Bridge::on_call_ended(sip::CallLegId id, const sip::CallEnd& end) { calls_.on_call_ended(id, end); }

void Bridge::on_registration(const sip::RegistrationEvent& event) { accounts_.on_sip_event(event); }

void Bridge::on_sip_shutdown_complete() {
    if (on_sip_stopped) on_sip_stopped();
}

}  // namespace gw
