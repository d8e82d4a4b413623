#include "sip/digest.hpp"

#include "sip/handle_context.hpp"
#include "sip/sofia.hpp"

#include <sofia-sip/msg_header.h>

#include <string>

namespace gw::sip {

bool answer_digest_challenge(nua_handle_t* nh, HandleContext& context, const sip_t* sip) {
    if (context.credentials_sent || sip == nullptr) return false;
    const msg_auth_t* challenge = sip->sip_www_authenticate ? sip->sip_www_authenticate
                                                            : sip->sip_proxy_authenticate;
    if (challenge == nullptr || challenge->au_scheme == nullptr) return false;
    const char* realm = msg_params_find(challenge->au_params, "realm=");
    if (realm == nullptr) return false;
    // Sofia's credential string: scheme:"realm":user:password (the realm keeps its quotes).
    const std::string credentials = std::string(challenge->au_scheme) + ":" + realm + ":" +
                                    context.auth_user + ":" + context.password;
    context.credentials_sent = true;
    nua_authenticate(nh, NUTAG_AUTH(credentials.c_str()), TAG_END());
    return true;
}

}  // namespace gw::sip
