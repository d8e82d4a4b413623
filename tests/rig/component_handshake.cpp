#include "tests/rig/component_handshake.hpp"

#include <strophe.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace gw::rig {

std::string component_handshake_digest(std::string_view stream_id, std::string_view secret) {
  const std::string token = std::string(stream_id) + std::string(secret);
  unsigned char digest[XMPP_SHA1_DIGEST_SIZE];
  xmpp_sha1_digest(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest);
  std::string hex;
  for (const unsigned char byte : digest) {
    char two[3];
    std::snprintf(two, sizeof two, "%02x", byte);
    hex += two;
  }
  return hex;
}

std::string component_handshake(TcpTestClient& link, std::string_view component, std::string_view secret) {
  using namespace std::chrono_literals;
  link.send("<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' to='" +
            std::string(component) + "'>");
  // The whole stream header; some servers send an XML declaration before it.
  std::string received, header;
  for (;;) {
    const auto at = received.find("<stream:stream");
    if (at != std::string::npos && received.find('>', at) != std::string::npos) {
      header = received.substr(at);
      break;
    }
    const auto more = link.read_until(">", 5s);
    if (!more) throw std::runtime_error("component handshake: no stream header from the server");
    received += *more;
  }
  const auto id_at = header.find(" id=");
  if (id_at == std::string::npos) throw std::runtime_error("component handshake: no stream id in " + header);
  const auto id_end = header.find_first_of("'\"", id_at + 5);
  link.send("<handshake>" + component_handshake_digest(header.substr(id_at + 5, id_end - id_at - 5), secret) +
            "</handshake>");
  return link.read_until(">", 5s).value_or("");
}

}  // namespace gw::rig
