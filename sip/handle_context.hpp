// What the user agent keeps per Sofia handle it owns (bound as the handle's magic).
#pragma once

#include "sip/call_leg.hpp"
#include "sip/registration.hpp"

#include <string>

namespace gw::sip {

struct HandleContext {
    enum class Kind { registration, call };
    Kind kind = Kind::registration;
    RegistrationId id = 0;   // registration handles
    CallLegId call = 0;      // call handles
    std::string auth_user;
    std::string password;         // for digest challenges; never logged
    bool credentials_sent = false;  // a second challenge after them means they are wrong
    bool unregistering = false;
};

}  // namespace gw::sip
