// One ejabberd 23.01 for all the ejabberd worlds of an interop test binary (it takes seconds to
// start, a world less than one), with its websocket and c2s also on the gateway host's address
// of the test's network, for the client in the other namespace.
#pragma once

#include "tests/interop/private_network.hpp"
#include "tests/rig/ejabberd_server.hpp"

namespace gw::interop {

// Started by the first call, inside `network`'s namespace (alice registered with password
// "alice-pass"; component sip.localhost); stopped when doctest's run ends.
rig::EjabberdServer& shared_ejabberd(const PrivateNetwork& network);

// What an earlier world left for alice on the shared server (test::forget_earlier_worlds),
// through a client of hers on c2s.
void forget_earlier_worlds(const rig::EjabberdServer& ejabberd);

}  // namespace gw::interop
