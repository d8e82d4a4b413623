#include "loadtest/sip_answerer.hpp"

#include "loadtest/sip_answer_text.hpp"

#include <arpa/inet.h>
#include <event2/event.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <string>

namespace gw::load {
namespace {

Micros realtime_us() {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<Micros>(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
}

}  // namespace

SipAnswerer::SipAnswerer(event_base* base) {
    fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error(std::string("built-in callee: socket: ") + std::strerror(errno));
    const int on = 1;
    setsockopt(fd_, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
    const int buffer = 4 << 20;  // bursts of INVITEs while the loop is busy elsewhere
    setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        const std::string why = std::strerror(errno);
        ::close(fd_);
        throw std::runtime_error("built-in callee: bind 127.0.0.1: " + why);
    }
    port_ = ntohs(address.sin_port);
    realtime_to_monotonic_ = now_us() - realtime_us();
    readable_ = event_new(base, fd_, EV_READ | EV_PERSIST, &SipAnswerer::on_readable, this);
    event_add(readable_, nullptr);
}

SipAnswerer::~SipAnswerer() {
    event_free(readable_);
    ::close(fd_);
}

std::optional<Micros> SipAnswerer::take_answer_time(const std::string& user) {
    auto found = answer_time_.find(user);
    if (found == answer_time_.end()) return std::nullopt;
    const Micros time = found->second;
    answer_time_.erase(found);
    return time;
}

void SipAnswerer::on_readable(int, short, void* self) { static_cast<SipAnswerer*>(self)->read_all(); }

void SipAnswerer::read_all() {
    char data[8192];
    char control[CMSG_SPACE(sizeof(timespec))];
    for (;;) {
        iovec io{data, sizeof data};
        msghdr message{};
        sockaddr_in from{};
        message.msg_name = &from;
        message.msg_namelen = sizeof from;
        message.msg_iov = &io;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        const ssize_t size = ::recvmsg(fd_, &message, 0);
        if (size <= 0) return;  // EAGAIN: all read
        Micros arrived = now_us();
        for (cmsghdr* c = CMSG_FIRSTHDR(&message); c != nullptr; c = CMSG_NXTHDR(&message, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                timespec ts{};
                std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
                arrived = static_cast<Micros>(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000 + realtime_to_monotonic_;
            }
        }
        const std::string_view text(data, static_cast<std::size_t>(size));
        const auto request = parse_sip_request(text);
        if (!request || request->method == "ACK") continue;  // responses, unreadable messages, ACKs
        const bool invite = request->method == "INVITE";
        const std::string tag = "cb" + std::to_string(next_tag_++);
        const std::string host_port = "127.0.0.1:" + std::to_string(port_);
        const std::string response = sip_response(text, 200, "OK", tag, host_port, invite);
        ::sendto(fd_, response.data(), response.size(), 0, reinterpret_cast<sockaddr*>(&from), message.msg_namelen);
        if (invite) answer_time_[request->from_user] = now_us() - arrived;
    }
}

}  // namespace gw::load
