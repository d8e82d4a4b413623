// One ejabberd for all the ejabberd worlds of a test binary: it takes seconds to start, a world
// (gateway, Kamailio, clients) less than one.
#pragma once

#include "tests/rig/ejabberd_server.hpp"
#include "tests/rig/xmpp_test_client.hpp"

namespace gw::test {

// Started by the first call, with that call's `options` (later calls get the same server);
// stopped when doctest's run ends, before static destruction (the rig's destructors log, and
// spdlog may be gone by then).
rig::EjabberdServer& shared_ejabberd(const rig::EjabberdOptions& options);

// What an earlier world left for a user on the shared server, removed through `client` (that
// user, logged in): messages stored while they were offline (they would arrive with their next
// presence) and their roster, where the gateway's address is already subscribed (the server would
// then answer a new sign-up's subscription request by itself, and the client would never see it).
void forget_earlier_worlds(rig::XmppTestClient& client);

}  // namespace gw::test
