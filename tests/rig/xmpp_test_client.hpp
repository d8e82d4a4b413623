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
#include <vector>

#include "tests/rig/stanza.hpp"

namespace gw::rig {

// What a client says it can do (XEP-0030 disco#info), announced by XEP-0115 entity caps.
struct DiscoIdentity {
  std::string category = "client";
  std::string type = "pc";
  std::string name{};
  std::string lang{};  // xml:lang; empty: none
};

struct ClientCaps {
  std::string node = "https://github.com/xmpp-sip-gateway/rig";
  std::vector<DiscoIdentity> identities = {DiscoIdentity{}};
  std::vector<std::string> features{};  // disco#info itself is not added: list it if wanted
};

// The caps hash of XEP-0115 section 5.1 (sha-1, base64), without extended service discovery
// forms: identities sorted by category/type/lang, then features sorted, each followed by '<'.
std::string caps_ver(const ClientCaps& caps);

// A disco#info query the client answered by itself (see send_presence(const ClientCaps&)).
struct DiscoQuery {
  std::string from;
  std::string node;  // empty when the query named no node
  bool answered = false;  // false: a node it does not know, refused with item-not-found
};

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
  // Available presence with a XEP-0115 <c/> (hash sha-1, caps.node, caps_ver(caps)). From then
  // on the client answers disco#info queries to it (without a node, or for node#ver) with these
  // identities and features by itself, while any of its calls runs (waits, pump, send); those
  // queries are not queued. Other nodes get item-not-found.
  void send_presence(const ClientCaps& caps);
  // The disco#info queries it answered by itself, in order.
  const std::vector<DiscoQuery>& disco_queries() const { return disco_queries_; }
  // Sends an empty IQ result for a received IQ get or set (to its sender, same id).
  // Throws std::logic_error for a stanza that is not one.
  void send_result(const Stanza& iq);

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
  std::optional<ClientCaps> caps_;
  std::vector<DiscoQuery> disco_queries_;
  unsigned next_id_ = 0;
  std::unique_ptr<Connection> connection_;
};

}  // namespace gw::rig
