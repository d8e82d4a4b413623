// One ejabberd for all the ejabberd worlds of a test binary: it takes seconds to start, a world
// (gateway, Kamailio, clients) less than one.
#pragma once

#include "tests/rig/ejabberd_server.hpp"

namespace gw::test {

// Started by the first call (alice registered, password "alice-pass"; component sip.localhost);
// stopped when doctest's run ends, before static destruction (the rig's destructors log, and
// spdlog may be gone by then).
rig::EjabberdServer& shared_ejabberd();

}  // namespace gw::test
