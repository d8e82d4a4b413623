#pragma once

#include <cstdint>
#include <string>

namespace gw::sip {

struct AgentOptions {
    std::string bind_host = "127.0.0.1";  // IP literal (IPv6 without brackets)
    std::uint16_t port = 5060;            // UDP and TCP
    // Outgoing calls from a Sofia user agent of their own on this port (0: from `port`). Sofia
    // compares the From of every new outgoing INVITE with each registration its user agent holds
    // (nua_registration_for_request, for the registrar's Service-Route): O(registered users) per
    // call, which dominates with tens of thousands of users online.
    std::uint16_t outgoing_port = 0;
    std::string public_host;              // advertised in Via/Contact when set (NAT)
    std::string user_agent = "xmpp-sip-gateway";
    bool trace = false;                   // forward Sofia's own debug log
    unsigned session_timer_s = 1800;      // RFC 4028 Session-Expires asked for; 0: no session timer
};

}  // namespace gw::sip
