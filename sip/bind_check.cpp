#include "sip/bind_check.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gw::sip {
namespace {

std::optional<std::string> try_bind(const std::string& host, std::uint16_t port, int type) {
    const char* transport = type == SOCK_DGRAM ? "udp" : "tcp";
    const std::string where = host + ":" + std::to_string(port) + "/" + transport;
    sockaddr_storage addr{};
    socklen_t len = 0;
    int family = AF_INET;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
    if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        len = sizeof *v4;
    } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
        family = AF_INET6;
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        len = sizeof *v6;
    } else {
        return where + ": not an IP address";
    }
    int fd = socket(family, type | SOCK_CLOEXEC, 0);
    if (fd < 0) return where + ": " + std::strerror(errno);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    std::optional<std::string> problem;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0)
        problem = where + ": " + std::strerror(errno);
    close(fd);
    return problem;
}

}  // namespace

std::optional<std::string> bind_problem(const std::string& host, std::uint16_t port) {
    if (auto udp = try_bind(host, port, SOCK_DGRAM)) return udp;
    return try_bind(host, port, SOCK_STREAM);
}

}  // namespace gw::sip
