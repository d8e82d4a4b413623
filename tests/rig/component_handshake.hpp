#pragma once
// XEP-0114 from the component's side, for tests that speak it on a raw connection, and the
// handshake value for those that play the server.

#include <string>
#include <string_view>

#include "tests/rig/tcp_test_client.hpp"

namespace gw::rig {

// The handshake value: lower-case hex SHA-1 of the stream id followed by the secret.
std::string component_handshake_digest(std::string_view stream_id, std::string_view secret);

// Opens a jabber:component:accept stream to `component` on `link`, reads the server's stream
// header (after any XML declaration), sends the handshake and returns the server's answer (empty
// if none within 5 s). Throws std::runtime_error if no stream header with an id arrives.
std::string component_handshake(TcpTestClient& link, std::string_view component, std::string_view secret);

}  // namespace gw::rig
