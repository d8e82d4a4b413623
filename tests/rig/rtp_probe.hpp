#pragma once
// A media endpoint for tests: one UDP socket on 127.0.0.1 that counts the RTP packets it
// receives (and who sent them) and can send an RTP stream of its own, all on a background
// thread. Put its port into an SDP offer or a Jingle raw-UDP candidate to prove that media
// flows between the endpoints (and from which address), never through the gateway.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace gw::rig {

class RtpProbe {
 public:
  // Binds 127.0.0.1 on a free port and starts receiving. Throws std::runtime_error on failure.
  RtpProbe();
  RtpProbe(const RtpProbe&) = delete;
  RtpProbe& operator=(const RtpProbe&) = delete;
  ~RtpProbe();  // stops the thread (and any stream being sent)

  std::uint16_t port() const;

  // RTP packets received: version 2, a complete header (CSRCs and extension included) and a
  // payload type that is not RTCP's (RFC 5761: 200-204 with rtcp-mux).
  std::size_t packets() const;
  // Received packets by payload type.
  std::map<int, std::size_t> payload_types() const;
  // RTCP packets received on the same port (rtcp-mux).
  std::size_t rtcp_packets() const;
  // Datagrams that were neither (STUN, DTLS, junk).
  std::size_t other_datagrams() const;
  // "ip:port" of every sender of RTP packets.
  std::set<std::string> sources() const;
  // True once at least `count` RTP packets arrived; false if `timeout` passes first.
  bool wait_for_packets(std::size_t count, std::chrono::milliseconds timeout) const;

  // Starts sending PCMU-sized RTP packets (160 bytes of silence every 20 ms, one SSRC) with
  // `payload_type` from this probe's own socket to host:port (an IP literal) for `duration`,
  // replacing a stream already being sent. Returns at once; the thread sends.
  void send_stream(const std::string& host, std::uint16_t port, std::chrono::milliseconds duration,
                   int payload_type = 0);
  // RTP packets sent so far (all streams).
  std::size_t packets_sent() const;
  // True once the current stream has ended; false if `timeout` passes first.
  bool wait_stream_done(std::chrono::milliseconds timeout) const;

 private:
  struct State;
  void run();

  std::unique_ptr<State> state_;
};

}  // namespace gw::rig
