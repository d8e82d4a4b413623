#include "xmpp/component_link.hpp"

#include "xmpp/component_listener.hpp"
#include "xmpp/sm_state_workaround.hpp"
#include "xmpp/stanza.hpp"

#include <event2/event.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>
#include <strophe.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace gw::xmpp {
namespace {

// libstrophe's sockopt callback carries no user data; the socket is created synchronously
// inside xmpp_connect_component(), so the link being connected is known at that moment.
ComponentLink* link_being_connected = nullptr;

constexpr long kTickMs = 250;

timeval seconds_to_timeval(double s) {
    const auto whole = static_cast<long>(s);
    return timeval{whole, static_cast<long>((s - static_cast<double>(whole)) * 1e6)};
}

void log_trampoline(void* self, xmpp_log_level_t level, const char* area, const char* msg) {
    try {
        static_cast<ComponentLink*>(self)->handle_library_log(level, area, msg);
    } catch (...) {
    }
}

int sockopt_trampoline(xmpp_conn_t* conn, void* sock) {
    try {
        if (link_being_connected != nullptr) link_being_connected->handle_socket(static_cast<int*>(sock));
    } catch (...) {
    }
    return xmpp_sockopt_cb_keepalive(conn, sock);
}

void connection_trampoline(xmpp_conn_t*, xmpp_conn_event_t event, int error,
                           xmpp_stream_error_t* stream_error, void* self) {
    try {
        std::string text;
        if (stream_error != nullptr && stream_error->text != nullptr) text = stream_error->text;
        else if (stream_error != nullptr && stream_error->stanza != nullptr) {
            // No <text/>: name the condition element instead.
            xmpp_stanza_t* condition = xmpp_stanza_get_children(stream_error->stanza);
            if (condition != nullptr && xmpp_stanza_get_name(condition) != nullptr)
                text = xmpp_stanza_get_name(condition);
        }
        static_cast<ComponentLink*>(self)->handle_connection_event(event, error,
                                                                   text.empty() ? nullptr : text.c_str());
    } catch (const std::exception& e) {
        spdlog::error("xmpp: connection handler: {}", e.what());
    } catch (...) {
        spdlog::error("xmpp: connection handler: unknown exception");
    }
}

int stanza_trampoline(xmpp_conn_t*, xmpp_stanza_t* stanza, void* self) {
    try {
        static_cast<ComponentLink*>(self)->handle_stanza(stanza);
    } catch (const std::exception& e) {
        spdlog::error("xmpp: stanza handler: {}", e.what());
    } catch (...) {
        spdlog::error("xmpp: stanza handler: unknown exception");
    }
    return 1;  // keep the handler
}

struct LibraryInit {
    LibraryInit() { xmpp_initialize(); }
};

}  // namespace

ComponentLink::ComponentLink(event_base* base, ComponentOptions options, ComponentListener& listener)
    : base_(base),
      options_(std::move(options)),
      listener_(listener),
      backoff_(options_.reconnect_initial_s, options_.reconnect_max_s) {
    static LibraryInit init;
    log_ = {&log_trampoline, this};
    ctx_ = xmpp_ctx_new(nullptr, &log_);
    if (ctx_ == nullptr) throw std::runtime_error("libstrophe: cannot create a context");
    // Verbosity 1 makes libstrophe log "Q_ADD" whenever it queues output: the only signal that
    // there is something to flush (see handle_library_log).
    xmpp_ctx_set_verbosity(ctx_, 1);
    conn_ = xmpp_conn_new(ctx_);
    if (conn_ == nullptr) throw std::runtime_error("libstrophe: cannot create a connection");
    xmpp_conn_set_jid(conn_, options_.jid.c_str());
    xmpp_conn_set_pass(conn_, options_.secret.c_str());
    xmpp_conn_set_sockopt_callback(conn_, &sockopt_trampoline);
    xmpp_handler_add(conn_, &stanza_trampoline, nullptr, nullptr, nullptr, this);
    if (!give_component_sm_state(ctx_, conn_))
        throw std::runtime_error("libstrophe: cannot prepare the component connection");
    pump_ = event_new(base_, -1, 0, &ComponentLink::on_pump, this);
    tick_ = event_new(base_, -1, EV_PERSIST, &ComponentLink::on_pump, this);
    retry_ = event_new(base_, -1, 0, &ComponentLink::on_retry, this);
    drop_ = event_new(base_, -1, 0, &ComponentLink::on_drop, this);
    timeval tick{0, kTickMs * 1000};
    event_add(tick_, &tick);
}

ComponentLink::~ComponentLink() {
    unwatch_socket();
    event_free(pump_);
    event_free(tick_);
    event_free(retry_);
    event_free(drop_);
    state_ = State::closed;  // no reconnect from the handler that release may trigger
    xmpp_conn_release(conn_);
    xmpp_ctx_free(ctx_);
}

void ComponentLink::start() {
    if (state_ == State::idle) connect_now();
}

void ComponentLink::connect_now() {
    state_ = State::connecting;
    connect_errno_ = 0;
    malformed_input_ = false;
    spdlog::info("xmpp: connecting to {}:{} as component {}", options_.host, options_.port,
                 options_.jid);
    link_being_connected = this;
    const int rc = xmpp_connect_component(conn_, options_.host.c_str(), options_.port,
                                          &connection_trampoline, this);
    link_being_connected = nullptr;
    if (rc != XMPP_EOK) {
        link_lost("cannot start a connection to " + options_.host + ":" +
                  std::to_string(options_.port));
        return;
    }
    watch_socket();
}

void ComponentLink::handle_socket(int* fd) {
    // xmpp_run_once() uses select(): a descriptor >= FD_SETSIZE would abort the process.
    if (*fd >= FD_SETSIZE) {
        const int low = fcntl(*fd, F_DUPFD_CLOEXEC, 3);
        if (low >= 0 && low < FD_SETSIZE) {
            ::close(*fd);
            *fd = low;
        } else if (low >= 0) {
            ::close(low);
        }
    }
    int one = 1;
    setsockopt(*fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fd_ = *fd;
}

void ComponentLink::watch_socket() {
    unwatch_socket();
    if (fd_ < 0) return;
    // Writable once while the TCP connect is pending, readable for as long as the link lives.
    socket_event_ = event_new(base_, fd_, EV_READ | EV_WRITE | EV_PERSIST,
                              &ComponentLink::on_socket_event, this);
    event_add(socket_event_, nullptr);
}

void ComponentLink::unwatch_socket() {
    if (socket_event_ != nullptr) {
        event_free(socket_event_);
        socket_event_ = nullptr;
    }
}

void ComponentLink::on_socket_event(int fd, short what, void* raw) {
    auto* self = static_cast<ComponentLink*>(raw);
    if ((what & EV_WRITE) != 0) {
        int error = 0;
        socklen_t len = sizeof error;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) == 0 && error != 0)
            self->connect_errno_ = error;
        // Connected (or failed): from now on only readability matters.
        event_del(self->socket_event_);
        event_assign(self->socket_event_, self->base_, fd, EV_READ | EV_PERSIST,
                     &ComponentLink::on_socket_event, self);
        event_add(self->socket_event_, nullptr);
    }
    self->pump();
}

void ComponentLink::on_pump(int, short, void* self) { static_cast<ComponentLink*>(self)->pump(); }

void ComponentLink::pump() {
    if (state_ == State::closed) return;
    flush_outgoing();
    xmpp_run_once(ctx_, 0);
}

void ComponentLink::flush_outgoing() {
    if (outgoing_.empty()) return;
    if (state_ != State::connected) {  // the link went down after they were sent: dropped
        spdlog::debug("xmpp: link down, dropped {} bytes", outgoing_.size());
        outgoing_.clear();
        return;
    }
    // One queue entry, so libstrophe writes everything queued in this loop iteration with one
    // send(): it writes each entry of its queue with a send() of its own.
    flushing_ = true;
    xmpp_send_raw(conn_, outgoing_.data(), outgoing_.size());
    flushing_ = false;
    outgoing_.clear();
}

void ComponentLink::queue_outgoing(std::string_view xml) {
    if (outgoing_.empty()) event_active(pump_, EV_TIMEOUT, 0);
    outgoing_.append(xml);
}

void ComponentLink::on_drop(int, short, void* raw) {
    auto* self = static_cast<ComponentLink*>(raw);
    if (self->state_ == State::connected || self->state_ == State::connecting) {
        spdlog::error("xmpp: malformed XML from the server; closing the stream");
        xmpp_disconnect(self->conn_);
        event_active(self->pump_, EV_TIMEOUT, 0);
    }
}

void ComponentLink::on_retry(int, short, void* self) {
    static_cast<ComponentLink*>(self)->connect_now();
}

void ComponentLink::handle_library_log(int level, const char* area, const char* msg) {
    if (level == XMPP_LEVEL_DEBUG) {
        if (std::strncmp(msg, "Q_ADD", 5) == 0 && !flushing_) event_active(pump_, EV_TIMEOUT, 0);
        // On malformed input libstrophe only sends <invalid-xml/> and keeps reading a stream
        // that can no longer be trusted: drop the link (outside libstrophe's call) and start over.
        if (std::strncmp(msg, "parse error", 11) == 0 && !malformed_input_) {
            malformed_input_ = true;
            event_active(drop_, EV_TIMEOUT, 0);
        }
        return;  // debug lines carry whole stanzas: never forwarded
    }
    if (level == XMPP_LEVEL_ERROR) spdlog::debug("libstrophe {}: {}", area, msg);
    else spdlog::trace("libstrophe {}: {}", area, msg);
}

void ComponentLink::handle_connection_event(int event, int error, const char* stream_error) {
    if (event == XMPP_CONN_CONNECT) {
        state_ = State::connected;
        backoff_.reset();
        spdlog::info("xmpp: connected to {}:{} as {}", options_.host, options_.port, options_.jid);
        listener_.on_component_connected();
        return;
    }
    if (event != XMPP_CONN_DISCONNECT && event != XMPP_CONN_FAIL) return;
    // The socket is already closed: drop its event before anything else.
    unwatch_socket();
    fd_ = -1;
    std::string reason;
    if (malformed_input_) reason = "malformed XML from the server";
    else if (stream_error != nullptr) reason = std::string("server said: ") + stream_error;
    else if (connect_errno_ != 0) reason = std::strerror(connect_errno_);
    else if (error != 0) reason = std::strerror(error);
    else if (state_ == State::connecting) reason = "connection refused or closed during the handshake";
    else reason = "connection closed";
    if (stream_error != nullptr && std::strstr(stream_error, "token") != nullptr)
        reason += " (the component secret does not match the server's)";
    if (stream_error != nullptr && std::strcmp(stream_error, "not-authorized") == 0)
        reason += " (check the component secret)";
    link_lost(reason);
}

void ComponentLink::link_lost(const std::string& reason) {
    const bool was_connected = state_ == State::connected;
    if (state_ == State::closing || state_ == State::closed) {
        state_ = State::closed;
        spdlog::info("xmpp: component stream closed");
        listener_.on_component_disconnected("closed", -1);
        if (on_closed_) std::exchange(on_closed_, nullptr)();
        return;
    }
    state_ = State::waiting_to_retry;
    const double delay = backoff_.next();
    // A refused secret needs the admin; anything else is expected to heal by itself.
    const bool needs_admin = reason.find("secret") != std::string::npos;
    spdlog::log(needs_admin ? spdlog::level::err : spdlog::level::warn,
                "xmpp: {} {}:{}: {}; retrying in {:.1f} s",
                was_connected ? "lost the link to" : "could not connect to", options_.host,
                options_.port, reason, delay);
    timeval tv = seconds_to_timeval(delay);
    event_add(retry_, &tv);
    listener_.on_component_disconnected(reason, delay);
}

bool ComponentLink::send_raw(std::string_view xml) {
    if (state_ != State::connected) {
        spdlog::debug("xmpp: link down, dropped {} bytes", xml.size());
        return false;
    }
    queue_outgoing(xml);
    return true;
}

bool ComponentLink::send(const Stanza& stanza) {
    if (state_ != State::connected) return false;
    char* text = nullptr;
    std::size_t length = 0;
    if (xmpp_stanza_to_text(stanza.raw(), &text, &length) != XMPP_EOK) return false;
    queue_outgoing(std::string_view(text, length));
    xmpp_free(ctx_, text);
    return true;
}

Stanza ComponentLink::new_stanza(const char* name) { return Stanza::create(ctx_, name); }

void ComponentLink::handle_stanza(xmpp_stanza_t* stanza) {
    listener_.on_stanza(Stanza(stanza));
}

void ComponentLink::close(std::function<void()> on_closed) {
    event_del(retry_);
    switch (state_) {
    case State::connected:
    case State::connecting:
        flush_outgoing();  // e.g. the session-terminates of a shutdown
        state_ = State::closing;
        on_closed_ = std::move(on_closed);
        xmpp_disconnect(conn_);
        event_active(pump_, EV_TIMEOUT, 0);
        return;
    case State::closing:
        on_closed_ = std::move(on_closed);
        return;
    case State::idle:
    case State::waiting_to_retry:
    case State::closed:
        state_ = State::closed;
        if (on_closed) on_closed();
        return;
    }
}

}  // namespace gw::xmpp
