#include "tests/interop/private_network.hpp"

#include "tests/rig/process.hpp"
#include "tests/rig/readiness.hpp"

#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace gw::interop {
namespace {

void run(const std::vector<std::string>& argv) {
    const rig::CommandResult result = rig::run_command(rig::ProcessOptions{.argv = argv}, std::chrono::seconds(10));
    if (result.status != 0) {
        std::string command;
        for (const auto& a : argv) command += a + " ";
        throw std::runtime_error("interop: '" + command + "' failed (" + std::to_string(result.status) +
                                 "): " + result.output);
    }
}

std::string namespace_of(const std::string& proc_entry) {
    std::error_code error;
    return std::filesystem::read_symlink(proc_entry, error).string();
}

PrivateNetwork make() {
    if (::geteuid() != 0) {
        throw std::runtime_error("interop: these tests create network namespaces (unshare -n) and need root; "
                                 "run them as root (scripts/test does)");
    }
    if (::unshare(CLONE_NEWNET) != 0) {
        throw std::runtime_error(std::string("interop: unshare(CLONE_NEWNET) failed: ") + std::strerror(errno) +
                                 " (a container without CAP_SYS_ADMIN cannot run these tests)");
    }
    run({"ip", "link", "set", "lo", "up"});

    // The client's namespace lives as long as a sleeping process in it (killed with the test binary).
    static std::unique_ptr<rig::Process> holder;
    holder = std::make_unique<rig::Process>(rig::ProcessOptions{.argv = {"unshare", "-n", "sleep", "infinity"}});
    const std::string proc = "/proc/" + std::to_string(holder->pid()) + "/ns/net";
    const std::string ours = namespace_of("/proc/self/ns/net");
    if (!rig::poll_until([&] { const auto ns = namespace_of(proc); return !ns.empty() && ns != ours; },
                         std::chrono::seconds(5))) {
        throw std::runtime_error("interop: 'unshare -n sleep infinity' did not make a namespace");
    }

    // The client's loopback stays down: it needs none, and wrtc would offer 127.0.0.1 and ::1
    // candidates (libwebrtc as wrtc builds it does not ignore loopback), which a browser never does.
    PrivateNetwork net{"10.77.0.1", "10.77.0.2", proc};
    run({"ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1", "netns", std::to_string(holder->pid())});
    run({"ip", "address", "add", net.host_address + "/24", "dev", "v0"});
    run({"ip", "link", "set", "v0", "up"});
    run(net.in_client_namespace({"ip", "address", "add", net.client_address + "/24", "dev", "v1"}));
    run(net.in_client_namespace({"ip", "link", "set", "v1", "up"}));
    // Like any real host, the client has a default route (to the gateway's host, which forwards
    // nothing): without one libwebrtc takes about two seconds to gather its host candidates.
    run(net.in_client_namespace({"ip", "route", "add", "default", "via", net.host_address}));
    return net;
}

}  // namespace

std::vector<std::string> PrivateNetwork::in_client_namespace(const std::vector<std::string>& argv) const {
    std::vector<std::string> out{"nsenter", "--net=" + client_namespace, "--"};
    out.insert(out.end(), argv.begin(), argv.end());
    return out;
}

const PrivateNetwork& private_network() {
    static const PrivateNetwork net = make();
    return net;
}

}  // namespace gw::interop
