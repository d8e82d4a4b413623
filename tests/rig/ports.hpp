#pragma once
// Port selection for test servers on 127.0.0.1.

#include <cstdint>

namespace gw::rig {

// A port that is free for both TCP and UDP on 127.0.0.1 right now and was not handed out before
// in this process. Ports come from below the kernel's ephemeral range, so outgoing connections
// of the tests themselves cannot take them before the server binds. Thread-safe.
// Throws std::runtime_error if no port can be found.
std::uint16_t free_port();

// The first of `count` consecutive ports that are all free (TCP and UDP) and handed out together,
// for servers that bind a range or a neighbour of their port (baresip: TLS on SIP port + 1, RTP
// port ranges). Thread-safe; throws std::invalid_argument for a count of 0 or over 1000 and
// std::runtime_error if no such block is found.
std::uint16_t free_port_block(unsigned count);

// True if some socket on this machine is bound to `port` (UDP or TCP, IPv4 or IPv6), read from
// /proc/net without touching the port (probing with bind() could steal it from a starting server).
bool port_is_bound(std::uint16_t port);

}  // namespace gw::rig
