#pragma once
// A scripted XMPP client for tests, on libstrophe: client mode, no TLS, password auth.
// Single-threaded: it only talks to the server while one of its calls runs (connect, send,
// wait_for ...), so a test drives several clients one after the other from its own thread.

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tests/rig/stanza.hpp"

namespace gw::rig {

class XmppTestClient {
 public:
  // `jid` is the bare JID to log in as (a resource may be given); `host` an IP literal.
  XmppTestClient(std::string jid, std::string password, std::string host, std::uint16_t port);
  XmppTestClient(const XmppTestClient&) = delete;
  XmppTestClient& operator=(const XmppTestClient&) = delete;
  ~XmppTestClient();  // disconnects

  // Connects, authenticates and binds a resource (initial presence is NOT sent).
  // False on failure or timeout; last_error() then says why. May be called again after a
  // disconnect (a new session; stanzas still queued from the old one are kept).
  bool connect(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  bool connected() const;
  const std::string& full_jid() const { return full_jid_; }
  const std::string& last_error() const { return last_error_; }

  // Sends raw stanza XML and flushes it to the socket before returning.
  // Throws std::logic_error if not connected.
  void send(std::string_view xml);
  void send_presence();  // initial available presence

  // The next received stanza (iq/message/presence) matching `pred`, waiting up to `timeout`.
  // Stanzas that arrived earlier and did not match an earlier wait stay queued, in order.
  // Returns nullopt on timeout, or at once when disconnected and nothing queued matches.
  std::optional<Stanza> wait_for(const std::function<bool(const Stanza&)>& pred,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The IQ result or error with that id.
  std::optional<Stanza> wait_for_id(std::string_view id,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Processes network input for `duration` (queueing what arrives) without taking anything.
  void pump(std::chrono::milliseconds duration);
  // Stanzas received and not yet taken by a wait.
  const std::deque<Stanza>& queued() const { return queue_; }

  // A fresh stanza id, unique within this client.
  std::string next_id();
  // Closes the stream and waits (briefly) for the server to close it too.
  void disconnect();

 private:
  struct Connection;
  friend struct XmppTestClientCallbacks;

  std::string jid_;
  std::string password_;
  std::string host_;
  std::uint16_t port_;
  std::string full_jid_;
  std::string last_error_;
  std::deque<Stanza> queue_;
  unsigned next_id_ = 0;
  std::unique_ptr<Connection> connection_;
};

}  // namespace gw::rig
