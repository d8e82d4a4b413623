// What a user's client does to use the gateway: sign up with a SIP account (XEP-0100 data form)
// and accept the gateway's subscription, subscribing back.
#pragma once

#include "tests/rig/xmpp_test_client.hpp"

#include <string>

namespace gw::test {

// Sends available presence (subscription requests reach online users), registers `sip_user`
// (user@domain) with `password` at `proxy` (host:port), then answers the gateway's subscribe.
// REQUIREs every step.
void sign_up(rig::XmppTestClient& client, const std::string& component, const std::string& sip_user,
             const std::string& password, const std::string& proxy);

}  // namespace gw::test
