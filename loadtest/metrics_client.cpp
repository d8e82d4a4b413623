#include "loadtest/metrics_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace gw::load {
namespace {

class Socket {
public:
    Socket() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {}
    ~Socket() {
        if (fd_ >= 0) ::close(fd_);
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    int fd() const { return fd_; }

private:
    int fd_;
};

bool wait_for(int fd, short events, int timeout_ms) {
    pollfd p{fd, events, 0};
    return ::poll(&p, 1, timeout_ms) == 1;
}

}  // namespace

std::optional<MetricValues> fetch_metrics(std::uint16_t port, int timeout_ms) {
    Socket socket;
    if (socket.fd() < 0) return std::nullopt;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(socket.fd(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return std::nullopt;
    const std::string request = "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(socket.fd(), request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size()))
        return std::nullopt;
    std::string response;
    char buffer[4096];
    for (;;) {
        if (!wait_for(socket.fd(), POLLIN, timeout_ms)) return std::nullopt;
        const ssize_t n = ::recv(socket.fd(), buffer, sizeof buffer, 0);
        if (n < 0) return std::nullopt;
        if (n == 0) break;  // HTTP/1.0: the body ends with the connection
        response.append(buffer, static_cast<std::size_t>(n));
    }
    if (response.compare(0, 12, "HTTP/1.0 200") != 0 && response.compare(0, 12, "HTTP/1.1 200") != 0)
        return std::nullopt;
    const auto body = response.find("\r\n\r\n");
    if (body == std::string::npos) return std::nullopt;
    return parse_prometheus(std::string_view(response).substr(body + 4));
}

MetricValues parse_prometheus(std::string_view text) {
    MetricValues values;
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.rfind(' ');
        if (space == std::string_view::npos) continue;
        const std::string number(line.substr(space + 1));
        char* parsed_end = nullptr;
        const double value = std::strtod(number.c_str(), &parsed_end);
        if (parsed_end == number.c_str()) continue;
        values[std::string(line.substr(0, space))] = value;
    }
    return values;
}

std::optional<double> metric(const MetricValues& values, std::initializer_list<std::string_view> names) {
    for (std::string_view name : names)
        if (auto found = values.find(name); found != values.end()) return found->second;
    return std::nullopt;
}

}  // namespace gw::load
