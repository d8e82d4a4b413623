// The interop tests' own network: two network namespaces joined by a veth pair, like two hosts
// on a link. The test process moves into the first ("the gateway's host": Prosody, Kamailio,
// the gateway, the phones, on 127.0.0.1 as in the other suites, plus host_address on v0); the
// WebRTC client runs in the second ("the client's host", client_address on v1).
//
// Why: ICE needs addresses other than loopback (baresip ignores loopback candidates), the
// machine's own must never be used, and in one namespace every address is local, so replies
// leave from whatever source address the kernel picks and wrtc, which gathers loopback
// candidates, nominates pairs baresip never agreed to. Across the veth pair media takes the
// one path a real network would give it. A loopback of the test's own also keeps its free
// ports from clashing with other test runs.
#pragma once

#include <string>
#include <vector>

namespace gw::interop {

struct PrivateNetwork {
    std::string host_address;    // v0, in the test's namespace
    std::string client_address;  // v1, in the client's namespace
    std::string client_namespace;  // /proc/PID/ns/net of the process that holds it

    // `argv` run inside the client's namespace (nsenter --net=... -- argv).
    std::vector<std::string> in_client_namespace(const std::vector<std::string>& argv) const;
};

// Makes the network the first time it is called (later calls return the same one). Call it from
// the test's main thread before anything else starts a thread or a child: a namespace belongs
// to the calling thread, and what it starts afterwards inherits it.
// Throws std::runtime_error saying what is missing (root, unshare, the ip command).
const PrivateNetwork& private_network();

}  // namespace gw::interop
