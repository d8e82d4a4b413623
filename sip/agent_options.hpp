#pragma once

#include <cstdint>
#include <string>

namespace gw::sip {

struct AgentOptions {
    std::string bind_host = "127.0.0.1";  // IP literal (IPv6 without brackets)
    std::uint16_t port = 5060;            // UDP and TCP
    std::string public_host;              // advertised in Via/Contact when set (NAT)
    std::string user_agent = "xmpp-sip-gateway";
    bool trace = false;                   // forward Sofia's own debug log
    unsigned session_timer_s = 1800;      // RFC 4028 Session-Expires asked for; 0: no session timer
};

}  // namespace gw::sip
