#include "tests/interop/process_sockets.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace gw::interop {
namespace {

// "socket:[12345]" -> "12345" for every socket fd of the process.
std::set<std::string> socket_inodes(pid_t pid) {
    std::set<std::string> inodes;
    std::error_code error;
    const std::filesystem::path fds = "/proc/" + std::to_string(pid) + "/fd";
    for (const auto& entry : std::filesystem::directory_iterator(fds, error)) {
        const std::string target = std::filesystem::read_symlink(entry.path(), error).string();
        if (error || target.rfind("socket:[", 0) != 0) continue;
        inodes.insert(target.substr(8, target.size() - 9));
    }
    return inodes;
}

}  // namespace

std::set<std::uint16_t> bound_ports(pid_t pid) {
    const std::set<std::string> inodes = socket_inodes(pid);
    std::set<std::uint16_t> ports;
    for (const char* table : {"/proc/net/udp", "/proc/net/udp6", "/proc/net/tcp", "/proc/net/tcp6"}) {
        std::ifstream in(table);
        std::string line;
        std::getline(in, line);  // the column names
        while (std::getline(in, line)) {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            std::istringstream fields(line);
            std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
            fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
            const auto colon = local.rfind(':');
            if (colon == std::string::npos || !inodes.contains(inode)) continue;
            ports.insert(static_cast<std::uint16_t>(std::stoul(local.substr(colon + 1), nullptr, 16)));
        }
    }
    return ports;
}

}  // namespace gw::interop
