#include "tests/rig/xmpp_test_client.hpp"

#include <strophe.h>

#include <cstring>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "tests/rig/strophe_stanza.hpp"

namespace gw::rig {
namespace {

using Clock = std::chrono::steady_clock;

// libstrophe waits in select() for at most this long per step, so timeouts stay accurate.
constexpr unsigned long step_ms = 5;

}  // namespace

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
        connection->owner.queue_.push_back(detail::stanza_from_strophe(stanza));
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
