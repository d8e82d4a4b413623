#include "tests/interop/interop_ejabberd.hpp"

#include "tests/e2e/shared_ejabberd.hpp"
#include "tests/rig/xmpp_test_client.hpp"

#include <doctest/doctest.h>

namespace gw::interop {

rig::EjabberdServer& shared_ejabberd(const PrivateNetwork& network) {
    return test::shared_ejabberd({.component = "sip.localhost",
                                  .users = {{"alice", "alice-pass"}},
                                  .websocket = true,
                                  .extra_interfaces = {network.host_address}});
}

void forget_earlier_worlds(const rig::EjabberdServer& ejabberd) {
    rig::XmppTestClient client("alice@localhost/reset", "alice-pass", "127.0.0.1", ejabberd.c2s_port());
    REQUIRE_MESSAGE(client.connect(), client.last_error());
    test::forget_earlier_worlds(client);
}

}  // namespace gw::interop
