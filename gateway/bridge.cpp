#include "gateway/bridge.hpp"

#include "gateway/service_discovery.hpp"
#include "xmpp/component_link.hpp"
#include "xmpp/stanza.hpp"

#include <spdlog/spdlog.h>

namespace gw {

Bridge::Bridge(std::string component_jid, Metrics& metrics)
    : component_jid_(std::move(component_jid)), metrics_(metrics) {
    add_service_discovery(iq_router_, component_jid_);
}

void Bridge::send(const xmpp::Stanza& stanza) {
    if (link_ != nullptr) link_->send(stanza);
}

void Bridge::on_component_connected() {
    metrics_.component_connected = true;
    ++metrics_.component_connects;
}

void Bridge::on_component_disconnected(const std::string&, double) {
    if (metrics_.component_connected) ++metrics_.component_disconnects;
    metrics_.component_connected = false;
}

void Bridge::on_stanza(const xmpp::Stanza& stanza) {
    ++metrics_.stanzas_received;
    const std::string_view name = stanza.name();
    if (name == "iq") {
        iq_router_.dispatch(stanza, [this](const xmpp::Stanza& reply) {
            if (reply.attr("type") == "error") ++metrics_.iq_errors_sent;
            send(reply);
        });
        return;
    }
    // Presence and messages carry no request to answer until accounts and calls handle them;
    // an error message to the sender would be noise.
    spdlog::debug("xmpp: {} from {} ignored", name, stanza.attr("from"));
}

sip::SipStatus Bridge::on_incoming_invite(const sip::InviteRequest& invite) {
    ++metrics_.sip_invites_received;
    spdlog::info("sip: INVITE {} from {} (Call-ID {}): no registered user there, 404",
                 invite.request_uri, invite.from, invite.call_id);
    return {404, "Not Found"};
}

void Bridge::on_registration(const sip::RegistrationEvent& event) {
    spdlog::info("sip: registration {} {} ({} {})", event.id, sip::to_string(event.state), event.status,
                 event.phrase);
}

void Bridge::on_sip_shutdown_complete() {
    if (on_sip_stopped) on_sip_stopped();
}

}  // namespace gw
