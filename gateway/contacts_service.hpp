// The gateway's contacts (bob%example.com@gw, +15551234567@gw): they accept subscriptions, are
// always available with entity capabilities that advertise Jingle RTP, ICE-UDP, raw UDP, DTLS and
// JMI (clients show the call button only then), answer disco#info, and jabber:iq:gateway turns
// what a user types into a contact JID.
#pragma once

#include "gateway/iq_router.hpp"
#include "gateway/outbox.hpp"
#include "gateway/service_discovery.hpp"

#include <string>

namespace gw {

// What a contact on the gateway advertises.
DiscoInfo contact_disco_info();

class ContactsService {
public:
    ContactsService(std::string component_jid, std::string default_domain, Outbox& outbox);

    void add_routes(IqRouter& router);
    // Presence addressed to a contact JID (localpart@component).
    void on_contact_presence(const xmpp::Stanza& presence);
    const std::string& caps_node() const { return caps_node_; }
    const std::string& caps_ver() const { return caps_ver_; }

private:
    void send_available(const std::string& from, const std::string& to);
    void send_presence(const std::string& from, const std::string& to, const char* type);

    std::string component_jid_;
    std::string default_domain_;
    Outbox& outbox_;
    DiscoInfo info_;
    std::string caps_node_;
    std::string caps_ver_;
};

}  // namespace gw
