// The XEP-0114 link to the XMPP server, on libstrophe driven by the gateway's libevent loop:
// connects, authenticates, hands every stanza to the listener, reconnects with backoff.
#pragma once

#include "xmpp/backoff.hpp"
#include "xmpp/component_options.hpp"

#include <functional>
#include <strophe.h>
#include <string>
#include <string_view>

struct event_base;
struct event;
struct _xmpp_ctx_t;
struct _xmpp_conn_t;
struct _xmpp_stanza_t;
struct _xmpp_log_t;

namespace gw::xmpp {

class ComponentListener;
class Stanza;

class ComponentLink {
public:
    ComponentLink(event_base* base, ComponentOptions options, ComponentListener& listener);
    ~ComponentLink();
    ComponentLink(const ComponentLink&) = delete;
    ComponentLink& operator=(const ComponentLink&) = delete;

    void start();                       // first connection attempt (then retried by itself)
    bool connected() const { return state_ == State::connected; }

    // Queue XML for the server. Dropped (and false returned) while the link is down.
    bool send_raw(std::string_view xml);
    bool send(const Stanza& stanza);
    Stanza new_stanza(const char* name);  // a root element to build and send

    // Closes the stream and stops reconnecting; `on_closed` runs once the link is down.
    void close(std::function<void()> on_closed);

    // libstrophe trampolines; public only because C callbacks need free access.
    void handle_connection_event(int event, int error, const char* stream_error);
    void handle_stanza(_xmpp_stanza_t* stanza);
    void handle_library_log(int level, const char* area, const char* msg);
    void handle_socket(int* fd);

private:
    enum class State { idle, connecting, connected, waiting_to_retry, closing, closed };

    static void on_socket_event(int fd, short what, void* self);
    static void on_pump(int fd, short what, void* self);
    static void on_retry(int fd, short what, void* self);
    static void on_drop(int fd, short what, void* self);

    void connect_now();
    void pump();
    void queue_outgoing(std::string_view xml);
    void flush_outgoing();
    void watch_socket();
    void unwatch_socket();
    void link_lost(const std::string& reason);

    event_base* base_;
    ComponentOptions options_;
    ComponentListener& listener_;
    Backoff backoff_;
    State state_ = State::idle;
    xmpp_log_t log_{};  // must outlive ctx_
    _xmpp_ctx_t* ctx_ = nullptr;
    _xmpp_conn_t* conn_ = nullptr;
    int fd_ = -1;
    int connect_errno_ = 0;          // from the socket, when the TCP connect itself failed
    bool malformed_input_ = false;   // libstrophe reported a parse error on this connection
    event* socket_event_ = nullptr;  // readable (and writable while the TCP connect is pending)
    event* pump_ = nullptr;          // "libstrophe queued output" kick
    event* tick_ = nullptr;          // libstrophe's timed handlers and connect timeout
    event* retry_ = nullptr;
    event* drop_ = nullptr;          // closes a stream that sent malformed XML
    std::function<void()> on_closed_;
    std::string outgoing_;           // stanzas sent in this loop iteration, written at its end
    bool flushing_ = false;
};

}  // namespace gw::xmpp
