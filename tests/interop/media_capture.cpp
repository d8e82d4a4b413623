#include "tests/interop/media_capture.hpp"

#include <arpa/inet.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <netinet/ip.h>
#include <netinet/ip6.h>
#include <netinet/udp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace gw::interop {

const char* datagram_kind_name(DatagramKind kind) {
    switch (kind) {
    case DatagramKind::stun: return "stun";
    case DatagramKind::dtls: return "dtls";
    case DatagramKind::rtp: return "rtp";
    case DatagramKind::rtcp: return "rtcp";
    case DatagramKind::other: return "other";
    }
    return "other";
}

DatagramKind classify_datagram(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return DatagramKind::other;
    const std::uint8_t first = data[0];
    if (first <= 3 && size >= 20) return DatagramKind::stun;
    if (first >= 20 && first <= 63 && size >= 13) return DatagramKind::dtls;
    if (first >= 128 && first <= 191 && size >= 12) {
        const int payload_type = data[1] & 0x7f;
        return payload_type >= 72 && payload_type <= 76 ? DatagramKind::rtcp : DatagramKind::rtp;
    }
    return DatagramKind::other;
}

namespace {

std::string endpoint(int family, const void* address, std::uint16_t port_network_order) {
    char text[INET6_ADDRSTRLEN] = {};
    ::inet_ntop(family, address, text, sizeof text);
    const std::string host = family == AF_INET6 ? "[" + std::string(text) + "]" : std::string(text);
    return host + ":" + std::to_string(ntohs(port_network_order));
}

}  // namespace

struct MediaCapture::State {
    int fd = -1;
    std::atomic<bool> stop{false};
    mutable std::mutex mutex;
    std::map<Flow, std::size_t> flows;
    std::thread thread;

    void take(const std::uint8_t* packet, std::size_t size) {
        if (size < 1) return;
        const int version = packet[0] >> 4;
        std::size_t header = 0;
        std::string source;
        std::string destination;
        const udphdr* udp = nullptr;
        if (version == 4 && size >= sizeof(iphdr)) {
            const auto* ip4 = reinterpret_cast<const iphdr*>(packet);
            header = static_cast<std::size_t>(ip4->ihl) * 4;
            if (ip4->protocol != IPPROTO_UDP || size < header + sizeof(udphdr)) return;
            udp = reinterpret_cast<const udphdr*>(packet + header);
            source = endpoint(AF_INET, &ip4->saddr, udp->source);
            destination = endpoint(AF_INET, &ip4->daddr, udp->dest);
        } else if (version == 6 && size >= sizeof(ip6_hdr)) {
            const auto* ip6 = reinterpret_cast<const ip6_hdr*>(packet);
            header = sizeof(ip6_hdr);
            // Extension headers are not followed: the endpoints here send plain UDP.
            if (ip6->ip6_nxt != IPPROTO_UDP || size < header + sizeof(udphdr)) return;
            udp = reinterpret_cast<const udphdr*>(packet + header);
            source = endpoint(AF_INET6, &ip6->ip6_src, udp->source);
            destination = endpoint(AF_INET6, &ip6->ip6_dst, udp->dest);
        } else {
            return;
        }
        const std::size_t payload = header + sizeof(udphdr);
        const DatagramKind kind = classify_datagram(packet + payload, size - payload);
        const std::lock_guard lock(mutex);
        ++flows[Flow{source, destination, kind}];
    }

    void run() {
        std::uint8_t buffer[65536];
        while (!stop) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            sockaddr_ll from{};
            socklen_t length = sizeof from;
            const ssize_t got = ::recvfrom(fd, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&from), &length);
            if (got <= 0) continue;
            // On loopback every datagram shows twice (sent and received): keep the received copy.
            // On the veth pair what leaves for the other namespace shows only as sent.
            if (from.sll_pkttype == PACKET_OUTGOING && from.sll_hatype == ARPHRD_LOOPBACK) continue;
            take(buffer, static_cast<std::size_t>(got));
        }
    }
};

MediaCapture::MediaCapture() : state_(std::make_unique<State>()) {
    // SOCK_DGRAM: the kernel strips the link-layer header, so every packet starts at its IP header.
    state_->fd = ::socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETH_P_ALL));
    if (state_->fd < 0) throw std::runtime_error(std::string("capture: AF_PACKET socket: ") + std::strerror(errno));
    state_->thread = std::thread([s = state_.get()] { s->run(); });
}

MediaCapture::~MediaCapture() {
    state_->stop = true;
    state_->thread.join();
    ::close(state_->fd);
}

std::map<Flow, std::size_t> MediaCapture::flows() const {
    const std::lock_guard lock(state_->mutex);
    return state_->flows;
}

std::size_t MediaCapture::count(DatagramKind kind) const {
    std::size_t total = 0;
    for (const auto& [flow, n] : flows()) {
        if (flow.kind == kind) total += n;
    }
    return total;
}

}  // namespace gw::interop
