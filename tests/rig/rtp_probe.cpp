#include "tests/rig/rtp_probe.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>

#include "tests/rig/ports.hpp"

namespace gw::rig {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto packet_interval = std::chrono::milliseconds(20);
constexpr std::size_t pcmu_payload_bytes = 160;  // 20 ms at 8 kHz
constexpr unsigned char ulaw_silence = 0xff;
// The thread wakes at least this often to notice a stop or a new stream.
constexpr int idle_poll_ms = 10;

enum class Kind { rtp, rtcp, other };

struct Classified {
  Kind kind = Kind::other;
  int payload_type = -1;
};

// RFC 3550 section 5.1 header, RFC 5761 section 4 for telling RTCP apart on a shared port.
Classified classify(const unsigned char* data, std::size_t size) {
  if (size < 12 || (data[0] >> 6) != 2) return {};
  const int second = data[1];
  if (second >= 200 && second <= 204) return {Kind::rtcp, -1};
  std::size_t header = 12 + 4 * static_cast<std::size_t>(data[0] & 0x0f);
  if (size < header) return {};
  if ((data[0] & 0x10) != 0) {  // header extension: 4 bytes, then length in 32-bit words
    if (size < header + 4) return {};
    header += 4 + 4 * ((static_cast<std::size_t>(data[header + 2]) << 8) | data[header + 3]);
    if (size < header) return {};
  }
  return {Kind::rtp, second & 0x7f};
}

std::string address_text(const sockaddr_in& addr) {
  char ip[INET_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET, &addr.sin_addr, ip, sizeof ip);
  return std::string(ip) + ":" + std::to_string(ntohs(addr.sin_port));
}

struct Stream {
  sockaddr_in to{};
  int payload_type = 0;
  Clock::time_point next_send{};
  Clock::time_point end{};
  std::uint16_t sequence = 0;
  std::uint32_t timestamp = 0;
  std::uint32_t ssrc = 0;
  bool first = true;
};

}  // namespace

struct RtpProbe::State {
  int fd = -1;
  std::uint16_t port = 0;
  std::atomic<bool> stop{false};
  std::thread thread;

  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::size_t packets = 0;
  std::map<int, std::size_t> payload_types;
  std::size_t rtcp = 0;
  std::size_t other = 0;
  std::set<std::string> sources;
  std::optional<Stream> stream;
  std::size_t sent = 0;
  std::mt19937 random{std::random_device{}()};
};

RtpProbe::RtpProbe() : state_(std::make_unique<State>()) {
  state_->fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (state_->fd < 0) throw std::runtime_error(std::string("RtpProbe: socket: ") + std::strerror(errno));
  state_->port = free_port();
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(state_->port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(state_->fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(state_->fd);
    throw std::runtime_error("RtpProbe: bind 127.0.0.1:" + std::to_string(state_->port) + ": " + reason);
  }
  state_->thread = std::thread([this] { run(); });
}

RtpProbe::~RtpProbe() {
  state_->stop = true;
  if (state_->thread.joinable()) state_->thread.join();
  ::close(state_->fd);
}

std::uint16_t RtpProbe::port() const { return state_->port; }

std::size_t RtpProbe::packets() const {
  const std::lock_guard lock(state_->mutex);
  return state_->packets;
}

std::map<int, std::size_t> RtpProbe::payload_types() const {
  const std::lock_guard lock(state_->mutex);
  return state_->payload_types;
}

std::size_t RtpProbe::rtcp_packets() const {
  const std::lock_guard lock(state_->mutex);
  return state_->rtcp;
}

std::size_t RtpProbe::other_datagrams() const {
  const std::lock_guard lock(state_->mutex);
  return state_->other;
}

std::set<std::string> RtpProbe::sources() const {
  const std::lock_guard lock(state_->mutex);
  return state_->sources;
}

bool RtpProbe::wait_for_packets(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, timeout, [&] { return state_->packets >= count; });
}

void RtpProbe::send_stream(const std::string& host, std::uint16_t port, std::chrono::milliseconds duration,
                           int payload_type) {
  if (payload_type < 0 || payload_type > 127) {
    throw std::invalid_argument("RtpProbe: payload type " + std::to_string(payload_type) + " out of range");
  }
  Stream stream;
  stream.to.sin_family = AF_INET;
  stream.to.sin_port = htons(port);
  if (::inet_pton(AF_INET, host.c_str(), &stream.to.sin_addr) != 1) {
    throw std::invalid_argument("RtpProbe: '" + host + "' is not an IPv4 address");
  }
  stream.payload_type = payload_type;
  const std::lock_guard lock(state_->mutex);
  stream.sequence = static_cast<std::uint16_t>(state_->random());
  stream.timestamp = static_cast<std::uint32_t>(state_->random());
  stream.ssrc = static_cast<std::uint32_t>(state_->random());
  stream.next_send = Clock::now();
  stream.end = stream.next_send + duration;
  state_->stream = stream;
}

std::size_t RtpProbe::packets_sent() const {
  const std::lock_guard lock(state_->mutex);
  return state_->sent;
}

bool RtpProbe::wait_stream_done(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, timeout, [&] { return !state_->stream.has_value(); });
}

void RtpProbe::run() {
  State& s = *state_;
  std::array<unsigned char, 2048> buffer{};
  std::array<unsigned char, 12 + pcmu_payload_bytes> packet{};
  while (!s.stop) {
    int wait_ms = idle_poll_ms;
    {
      const std::lock_guard lock(s.mutex);
      if (s.stream) {
        const auto now = Clock::now();
        if (now >= s.stream->end) {
          s.stream.reset();
          s.changed.notify_all();
        } else if (now >= s.stream->next_send) {
          Stream& st = *s.stream;
          packet.fill(ulaw_silence);
          packet[0] = 0x80;  // version 2, no padding, extension or CSRCs
          packet[1] = static_cast<unsigned char>(st.payload_type | (st.first ? 0x80 : 0));  // marker on the first
          packet[2] = static_cast<unsigned char>(st.sequence >> 8);
          packet[3] = static_cast<unsigned char>(st.sequence);
          for (int i = 0; i < 4; ++i) {
            packet[4 + i] = static_cast<unsigned char>(st.timestamp >> (24 - 8 * i));
            packet[8 + i] = static_cast<unsigned char>(st.ssrc >> (24 - 8 * i));
          }
          if (::sendto(s.fd, packet.data(), packet.size(), 0, reinterpret_cast<const sockaddr*>(&st.to),
                       sizeof st.to) == static_cast<ssize_t>(packet.size())) {
            ++s.sent;
          }
          st.first = false;
          ++st.sequence;
          st.timestamp += pcmu_payload_bytes;
          st.next_send += packet_interval;
        }
        if (s.stream) {
          const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(s.stream->next_send - now).count();
          wait_ms = static_cast<int>(std::clamp<long long>(until, 0, idle_poll_ms));
        }
      }
    }
    pollfd pfd{s.fd, POLLIN, 0};
    if (::poll(&pfd, 1, wait_ms) <= 0) continue;
    for (;;) {
      sockaddr_in from{};
      socklen_t from_size = sizeof from;
      const ssize_t got = ::recvfrom(s.fd, buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&from),
                                     &from_size);
      if (got < 0) break;  // EAGAIN: drained (errors such as ICMP refusals are not the probe's business)
      const Classified what = classify(buffer.data(), static_cast<std::size_t>(got));
      const std::lock_guard lock(s.mutex);
      switch (what.kind) {
        case Kind::rtp:
          ++s.packets;
          ++s.payload_types[what.payload_type];
          s.sources.insert(address_text(from));
          break;
        case Kind::rtcp: ++s.rtcp; break;
        case Kind::other: ++s.other; break;
      }
      s.changed.notify_all();
    }
  }
}

}  // namespace gw::rig
