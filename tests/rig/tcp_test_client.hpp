#pragma once
// A raw TCP connection to a server on 127.0.0.1, for protocol-level checks in tests
// (an XEP-0114 handshake, an HTTP upgrade, a SIP message over TCP).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::rig {

class TcpTestClient {
 public:
  // Connects (blocking, loopback); throws std::runtime_error on failure.
  explicit TcpTestClient(std::uint16_t port);
  TcpTestClient(const TcpTestClient&) = delete;
  TcpTestClient& operator=(const TcpTestClient&) = delete;
  ~TcpTestClient();

  // Writes all of `data`; throws std::runtime_error if the connection is gone.
  void send(std::string_view data);
  // Reads until the data received since the last successful read_until contains `needle`, then
  // returns that data and starts afresh; nullopt on timeout or when the peer closes first.
  std::optional<std::string> read_until(std::string_view needle,
                                        std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Everything received and not yet returned by read_until.
  const std::string& pending() const { return buffer_; }

 private:
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace gw::rig
