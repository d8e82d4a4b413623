// The RTP probe: what it counts as RTP, RTCP or neither, who sent it, and the stream it sends.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

#include "tests/rig/ports.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/rtp_probe.hpp"

namespace rig = gw::rig;
using namespace std::chrono_literals;

namespace {

// Sends one datagram to 127.0.0.1:port from a socket bound to an ephemeral port; returns that port.
std::uint16_t send_datagram(std::uint16_t port, const std::vector<unsigned char>& data) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::sendto(fd, data.data(), data.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to) ==
          static_cast<ssize_t>(data.size()));
  sockaddr_in local{};
  socklen_t size = sizeof local;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &size);
  ::close(fd);
  return ntohs(local.sin_port);
}

std::vector<unsigned char> rtp_header(int payload_type, std::size_t payload = 160) {
  std::vector<unsigned char> packet(12 + payload, 0);
  packet[0] = 0x80;
  packet[1] = static_cast<unsigned char>(payload_type);
  return packet;
}

}  // namespace

TEST_CASE("RtpProbe counts RTP by payload type and sender, and keeps RTCP and other datagrams apart") {
  rig::RtpProbe probe;
  CHECK(probe.port() >= 20000);
  const auto sender = send_datagram(probe.port(), rtp_header(0));
  send_datagram(probe.port(), rtp_header(101, 4));
  send_datagram(probe.port(), rtp_header(0));
  REQUIRE(probe.wait_for_packets(3, 5s));

  std::vector<unsigned char> rtcp = rtp_header(0, 0);
  rtcp[1] = 200;  // sender report
  send_datagram(probe.port(), rtcp);
  send_datagram(probe.port(), {0x00, 0x01, 0x00, 0x00});  // a STUN binding request's first bytes
  std::vector<unsigned char> short_csrc = rtp_header(0, 0);
  short_csrc[0] = 0x8f;  // claims 15 CSRCs it does not have
  send_datagram(probe.port(), short_csrc);
  REQUIRE(rig::poll_until([&] { return probe.rtcp_packets() == 1 && probe.other_datagrams() == 2; }, 5s));

  CHECK(probe.packets() == 3);
  CHECK(probe.payload_types() == std::map<int, std::size_t>{{0, 2}, {101, 1}});
  CHECK(probe.sources().contains("127.0.0.1:" + std::to_string(sender)));
  CHECK(probe.sources().size() == 3);  // each datagram came from a socket of its own
}

TEST_CASE("RtpProbe sends a PCMU stream from its own port to another probe") {
  rig::RtpProbe sender;
  rig::RtpProbe receiver;
  sender.send_stream("127.0.0.1", receiver.port(), 400ms);
  REQUIRE(sender.wait_stream_done(5s));
  const auto sent = sender.packets_sent();
  CHECK(sent >= 2);
  REQUIRE(receiver.wait_for_packets(sent, 5s));
  CHECK(receiver.packets() == sent);
  CHECK(receiver.payload_types() == std::map<int, std::size_t>{{0, sent}});
  CHECK(receiver.sources() == std::set<std::string>{"127.0.0.1:" + std::to_string(sender.port())});

  // A stream to a port nobody listens on brings ICMP errors back to the sender's socket; it
  // keeps sending and receiving all the same.
  sender.send_stream("127.0.0.1", rig::free_port(), 100ms);
  REQUIRE(sender.wait_stream_done(5s));
  send_datagram(sender.port(), rtp_header(0));
  CHECK(sender.wait_for_packets(1, 5s));
  const auto before = sender.packets_sent();
  sender.send_stream("127.0.0.1", receiver.port(), 100ms, 8);
  REQUIRE(sender.wait_stream_done(5s));
  CHECK(sender.packets_sent() > before);
  REQUIRE(receiver.wait_for_packets(sent + sender.packets_sent() - before, 5s));
  CHECK(receiver.payload_types().at(8) == sender.packets_sent() - before);
  CHECK_THROWS_AS(sender.send_stream("localhost", receiver.port(), 100ms), std::invalid_argument);
  CHECK_THROWS_AS(sender.send_stream("127.0.0.1", receiver.port(), 100ms, 128), std::invalid_argument);
}
