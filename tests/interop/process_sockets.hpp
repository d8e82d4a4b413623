// The UDP and TCP ports a process has bound, read from /proc (its fds' socket inodes matched
// against /proc/net/{udp,udp6,tcp,tcp6} of the current network namespace).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <set>

namespace gw::interop {

// The local ports of every IPv4/IPv6 UDP and TCP socket `pid` holds; empty if it has none or
// is gone.
std::set<std::uint16_t> bound_ports(pid_t pid);

}  // namespace gw::interop
