// SIP registrations kept by the user agent on behalf of users: what the gateway asks for and
// what it hears back.
#pragma once

#include <cstdint>
#include <string>

namespace gw::sip {

using RegistrationId = std::uint64_t;

struct RegistrationRequest {
    std::string aor;           // address of record: "sip:alice@sip.example.com"
    std::string auth_user;     // digest user name
    std::string password;      // digest password; never logged
    std::string registrar;     // R-URI of the REGISTER: "sip:sip.example.com"
    std::string proxy;         // outbound proxy URI ("sip:host:port;transport=tcp"), or empty
    std::string contact_user;  // user part of our Contact: routes incoming INVITEs to this user
    unsigned expires_s = 600;
};

enum class RegistrationState {
    registered,    // the registrar accepted (also after each refresh)
    failed,        // final failure; Sofia no longer refreshes: the gateway retries
    unregistered,  // after unregister(): the binding is removed (or could not be)
};

const char* to_string(RegistrationState state);

struct RegistrationEvent {
    RegistrationId id = 0;
    RegistrationState state = RegistrationState::failed;
    int status = 0;           // SIP status of the final response (or Sofia's 9xx for local errors)
    std::string phrase;
    unsigned expires_s = 0;   // granted, when registered
};

}  // namespace gw::sip
