// A user's SIP account as the gateway keeps it.
#pragma once

#include <cstdint>
#include <string>

namespace gw::store {

struct SipAccount {
    std::string jid;            // the user's bare JID (normalized lower-case), primary key
    std::string sip_user;       // "alice"
    std::string sip_domain;     // "sip.example.com"
    std::string password;       // cleartext: SIP digest needs it; never logged
    std::string auth_username;  // empty: same as sip_user
    std::string proxy;          // registrar/outbound proxy host[:port], empty: use default / the domain
    std::string transport;      // "udp", "tcp", "tls" or empty
    std::string contact_token;  // random, unique: put in the SIP Contact user part to route INVITEs
    std::int64_t created_at = 0, updated_at = 0;  // unix seconds

    bool operator==(const SipAccount&) const = default;
};

}  // namespace gw::store
