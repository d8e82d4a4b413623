#include "tests/rig/xmpp_test_client.hpp"

#include <csignal>

#include <strophe.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <tuple>

#include <spdlog/spdlog.h>

#include "tests/rig/strophe_stanza.hpp"

namespace gw::rig {
namespace {

using Clock = std::chrono::steady_clock;

// libstrophe waits in select() for at most this long per step, so timeouts stay accurate.
constexpr unsigned long step_ms = 5;

constexpr std::string_view disco_info_ns = "http://jabber.org/protocol/disco#info";
constexpr std::string_view caps_ns = "http://jabber.org/protocol/caps";

std::string base64(const unsigned char* data, std::size_t size) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < size; i += 3) {
    const unsigned a = data[i];
    const unsigned b = i + 1 < size ? data[i + 1] : 0;
    const unsigned c = i + 2 < size ? data[i + 2] : 0;
    out += alphabet[a >> 2];
    out += alphabet[((a & 0x03) << 4) | (b >> 4)];
    out += i + 1 < size ? alphabet[((b & 0x0f) << 2) | (c >> 6)] : '=';
    out += i + 2 < size ? alphabet[c & 0x3f] : '=';
  }
  return out;
}

Stanza element(std::string name, std::string ns, Stanza::Attributes attributes, std::vector<Stanza> children = {}) {
  return Stanza(std::move(name), std::move(ns), std::move(attributes), std::move(children), "");
}

// The reply to a disco#info get while caps are announced: the identities and features for no
// node or node#ver, item-not-found for any other node.
Stanza disco_reply(const Stanza& query_iq, const ClientCaps& caps, const std::string& ver, bool& known_node) {
  const Stanza* query = query_iq.child("query", disco_info_ns);
  const std::string node = query->attr("node");
  known_node = node.empty() || node == caps.node + "#" + ver;
  Stanza::Attributes query_attributes;
  if (!node.empty()) query_attributes.emplace_back("node", node);
  Stanza::Attributes iq_attributes = {{"type", known_node ? "result" : "error"}, {"id", query_iq.attr("id")}};
  if (query_iq.has_attr("from")) iq_attributes.emplace_back("to", query_iq.attr("from"));
  if (!known_node) {
    return element("iq", "", std::move(iq_attributes),
                   {element("query", std::string(disco_info_ns), std::move(query_attributes)),
                    element("error", "", {{"type", "cancel"}},
                            {element("item-not-found", "urn:ietf:params:xml:ns:xmpp-stanzas", {})})});
  }
  std::vector<Stanza> children;
  for (const auto& identity : caps.identities) {
    Stanza::Attributes attributes = {{"category", identity.category}, {"type", identity.type}};
    if (!identity.name.empty()) attributes.emplace_back("name", identity.name);
    if (!identity.lang.empty()) attributes.emplace_back("xml:lang", identity.lang);
    children.push_back(element("identity", "", std::move(attributes)));
  }
  for (const auto& feature : caps.features) children.push_back(element("feature", "", {{"var", feature}}));
  return element("iq", "", std::move(iq_attributes),
                 {element("query", std::string(disco_info_ns), std::move(query_attributes), std::move(children))});
}

bool is_disco_info_get(const Stanza& s) {
  return s.name() == "iq" && s.attr("type") == "get" && s.child("query", disco_info_ns) != nullptr;
}

}  // namespace

std::string caps_ver(const ClientCaps& caps) {
  std::vector<const DiscoIdentity*> identities;
  for (const auto& identity : caps.identities) identities.push_back(&identity);
  std::sort(identities.begin(), identities.end(), [](const DiscoIdentity* a, const DiscoIdentity* b) {
    return std::tie(a->category, a->type, a->lang, a->name) < std::tie(b->category, b->type, b->lang, b->name);
  });
  std::vector<std::string> features = caps.features;
  std::sort(features.begin(), features.end());
  std::string text;
  for (const auto* identity : identities) {
    text += identity->category + "/" + identity->type + "/" + identity->lang + "/" + identity->name + "<";
  }
  for (const auto& feature : features) text += feature + "<";
  unsigned char digest[XMPP_SHA1_DIGEST_SIZE];
  xmpp_sha1_digest(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return base64(digest, sizeof digest);
}

struct XmppTestClient::Connection {
  enum class State { connecting, online, closed };

  explicit Connection(XmppTestClient& client) : owner(client) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    if (conn != nullptr) xmpp_conn_release(conn);
    if (ctx != nullptr) xmpp_ctx_free(ctx);
  }

  XmppTestClient& owner;
  xmpp_log_t log{};
  xmpp_ctx_t* ctx = nullptr;
  xmpp_conn_t* conn = nullptr;
  State state = State::connecting;
  std::string last_library_error;  // libstrophe's own explanation (e.g. of an auth failure)
};

// The C callbacks: thin trampolines that never let an exception reach libstrophe.
struct XmppTestClientCallbacks {
  static void log(void* userdata, xmpp_log_level_t level, const char* area, const char* msg) {
    // Only warnings and errors: libstrophe's debug output contains the SASL exchange.
    if (level < XMPP_LEVEL_WARN) return;
    try {
      auto* connection = static_cast<XmppTestClient::Connection*>(userdata);
      if (level == XMPP_LEVEL_ERROR) connection->last_library_error = std::string(area) + ": " + msg;
      spdlog::warn("xmpp test client {}: {}: {}", connection->owner.jid_, area, msg);
    } catch (...) {
    }
  }

  static void connection_event(xmpp_conn_t* conn, xmpp_conn_event_t event, int error,
                               xmpp_stream_error_t* stream_error, void* userdata) {
    auto* connection = static_cast<XmppTestClient::Connection*>(userdata);
    try {
      XmppTestClient& client = connection->owner;
      if (event == XMPP_CONN_CONNECT) {
        connection->state = XmppTestClient::Connection::State::online;
        const char* bound = xmpp_conn_get_bound_jid(conn);
        client.full_jid_ = bound != nullptr ? bound : "";
        return;
      }
      const bool was_connecting = connection->state == XmppTestClient::Connection::State::connecting;
      connection->state = XmppTestClient::Connection::State::closed;
      std::string reason;
      if (stream_error != nullptr) {
        reason = "stream error" + std::string(stream_error->text != nullptr ? ": " + std::string(stream_error->text) : "");
      } else if (error != 0) {
        reason = "socket error: " + std::string(std::strerror(error));
      } else if (!connection->last_library_error.empty()) {
        reason = connection->last_library_error;
      } else {
        reason = was_connecting ? "connection refused or closed before the session was established"
                                : "connection closed";
      }
      client.last_error_ = reason;
    } catch (...) {
      connection->state = XmppTestClient::Connection::State::closed;
    }
  }

  static int stanza(xmpp_conn_t*, xmpp_stanza_t* stanza, void* userdata) {
    auto* connection = static_cast<XmppTestClient::Connection*>(userdata);
    try {
      if (connection->state != XmppTestClient::Connection::State::online) return 1;
      const char* name = xmpp_stanza_get_name(stanza);
      if (name == nullptr) return 1;
      const std::string_view n(name);
      if (n == "iq" || n == "message" || n == "presence") {
        XmppTestClient& client = connection->owner;
        Stanza received = detail::stanza_from_strophe(stanza);
        if (client.caps_ && is_disco_info_get(received)) {
          // Answered here, in the background of whatever call of the client is running.
          bool known_node = false;
          const std::string reply = disco_reply(received, *client.caps_, caps_ver(*client.caps_), known_node).to_string();
          xmpp_send_raw(connection->conn, reply.data(), reply.size());
          client.disco_queries_.push_back(
              {received.attr("from"), received.child("query", disco_info_ns)->attr("node"), known_node});
          return 1;
        }
        client.queue_.push_back(std::move(received));
      }
    } catch (const std::exception& e) {
      connection->owner.last_error_ = std::string("cannot keep a received stanza: ") + e.what();
    } catch (...) {
      connection->owner.last_error_ = "cannot keep a received stanza";
    }
    return 1;  // keep the handler
  }
};

XmppTestClient::XmppTestClient(std::string jid, std::string password, std::string host, std::uint16_t port)
    : jid_(std::move(jid)), password_(std::move(password)), host_(std::move(host)), port_(port) {
  detail::initialize_strophe();
  // Writing to a server that died unnoticed must fail with EPIPE, not kill the test binary (its
  // servers would then leak: the rig's cleanup does not run on SIGPIPE).
  std::signal(SIGPIPE, SIG_IGN);
}

XmppTestClient::~XmppTestClient() {
  try {
    disconnect();
  } catch (...) {
  }
}

bool XmppTestClient::connected() const {
  return connection_ != nullptr && connection_->state == Connection::State::online;
}

bool XmppTestClient::connect(std::chrono::milliseconds timeout) {
  disconnect();
  last_error_.clear();
  full_jid_.clear();
  auto connection = std::make_unique<Connection>(*this);
  connection->log = {XmppTestClientCallbacks::log, connection.get()};
  connection->ctx = xmpp_ctx_new(nullptr, &connection->log);
  if (connection->ctx == nullptr) throw std::runtime_error("xmpp_ctx_new failed");
  connection->conn = xmpp_conn_new(connection->ctx);
  if (connection->conn == nullptr) throw std::runtime_error("xmpp_conn_new failed");
  xmpp_conn_set_flags(connection->conn, XMPP_CONN_FLAG_DISABLE_TLS);
  xmpp_conn_set_jid(connection->conn, jid_.c_str());
  xmpp_conn_set_pass(connection->conn, password_.c_str());
  xmpp_handler_add(connection->conn, XmppTestClientCallbacks::stanza, nullptr, nullptr, nullptr, connection.get());
  if (xmpp_connect_client(connection->conn, host_.c_str(), port_, XmppTestClientCallbacks::connection_event,
                          connection.get()) != XMPP_EOK) {
    last_error_ = "cannot connect to " + host_ + ":" + std::to_string(port_);
    return false;
  }
  connection_ = std::move(connection);

  const auto deadline = Clock::now() + timeout;
  while (connection_->state == Connection::State::connecting && Clock::now() < deadline) {
    xmpp_run_once(connection_->ctx, step_ms);
  }
  if (connection_->state == Connection::State::connecting) {
    last_error_ = "no session within " + std::to_string(timeout.count()) + " ms";
    disconnect();
    return false;
  }
  return connection_->state == Connection::State::online;
}

void XmppTestClient::send(std::string_view xml) {
  if (!connected()) throw std::logic_error("XmppTestClient " + jid_ + ": send while not connected");
  xmpp_send_raw(connection_->conn, xml.data(), xml.size());
  // libstrophe writes its queue at the start of xmpp_run_once: flush now, or a test that waits
  // on another client would wait for this one forever.
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  do {
    xmpp_run_once(connection_->ctx, 0);
  } while (connected() && xmpp_conn_send_queue_len(connection_->conn) > 0 && Clock::now() < deadline);
}

void XmppTestClient::send_presence() { send("<presence/>"); }

void XmppTestClient::send_presence(const ClientCaps& caps) {
  caps_ = caps;
  const Stanza c = element("c", std::string(caps_ns), {{"hash", "sha-1"}, {"node", caps.node}, {"ver", caps_ver(caps)}});
  send(element("presence", "", {}, {c}).to_string());
}

void XmppTestClient::send_result(const Stanza& iq) {
  const std::string type = iq.attr("type");
  if (iq.name() != "iq" || (type != "get" && type != "set") || !iq.has_attr("id")) {
    throw std::logic_error("XmppTestClient::send_result: not an IQ get or set: " + iq.to_string());
  }
  Stanza::Attributes attributes = {{"type", "result"}, {"id", iq.attr("id")}};
  if (iq.has_attr("from")) attributes.emplace_back("to", iq.attr("from"));
  send(element("iq", "", std::move(attributes)).to_string());
}

std::optional<Stanza> XmppTestClient::wait_for(const std::function<bool(const Stanza&)>& pred,
                                               std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::size_t checked = 0;
  for (;;) {
    for (; checked < queue_.size(); ++checked) {
      if (pred(queue_[checked])) {
        Stanza found = std::move(queue_[checked]);
        queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(checked));
        return found;
      }
    }
    if (!connected() || Clock::now() >= deadline) return std::nullopt;
    xmpp_run_once(connection_->ctx, step_ms);
  }
}

std::optional<Stanza> XmppTestClient::wait_for_id(std::string_view id, std::chrono::milliseconds timeout) {
  return wait_for(
      [id](const Stanza& s) {
        const std::string type = s.attr("type");
        return s.name() == "iq" && s.attr("id") == id && (type == "result" || type == "error");
      },
      timeout);
}

void XmppTestClient::pump(std::chrono::milliseconds duration) {
  const auto deadline = Clock::now() + duration;
  while (connected() && Clock::now() < deadline) xmpp_run_once(connection_->ctx, step_ms);
}

std::string XmppTestClient::next_id() { return "rig-" + std::to_string(++next_id_); }

void XmppTestClient::disconnect() {
  if (!connection_) return;
  if (connection_->state != Connection::State::closed) {
    xmpp_disconnect(connection_->conn);
    const auto deadline = Clock::now() + std::chrono::seconds(1);
    while (connection_->state != Connection::State::closed && Clock::now() < deadline) {
      xmpp_run_once(connection_->ctx, step_ms);
    }
  }
  connection_.reset();
}

}  // namespace gw::rig
