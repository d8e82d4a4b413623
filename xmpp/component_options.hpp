#pragma once

#include <cstdint>
#include <string>

namespace gw::xmpp {

struct ComponentOptions {
    std::string jid;      // the component's address, e.g. "sip.example.org"
    std::string secret;   // never logged
    std::string host = "127.0.0.1";
    std::uint16_t port = 5347;
    double reconnect_initial_s = 1.0;
    double reconnect_max_s = 60.0;
};

}  // namespace gw::xmpp
