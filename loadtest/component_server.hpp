// The server side of XEP-0114, as a busy XMPP server would be for the gateway: listens on
// 127.0.0.1, accepts the gateway's component connection, answers the stream header, checks the
// handshake digest (SHA-1 of stream id + secret), then hands every stanza to the load tool and
// sends the simulated users' stanzas. One connection at a time; runs on the caller's libevent
// loop. Output is buffered and written when the socket is writable, so stanzas sent in one loop
// turn share a write.
#pragma once

#include "loadtest/xml.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

struct event_base;
struct evconnlistener;
struct bufferevent;
struct sockaddr;

namespace gw::load {

class ComponentServer {
public:
    struct Handlers {
        std::function<void()> authenticated;             // the handshake was right
        std::function<void(Element&& stanza)> stanza;    // each stanza after the handshake
        std::function<void(const std::string& why)> closed;  // the link is gone (or was refused)
    };

    // Listens on 127.0.0.1 (a port chosen by the kernel). Throws std::runtime_error.
    ComponentServer(event_base* base, std::string component, std::string secret, Handlers handlers);
    ~ComponentServer();
    ComponentServer(const ComponentServer&) = delete;
    ComponentServer& operator=(const ComponentServer&) = delete;

    std::uint16_t port() const { return port_; }
    bool authenticated() const { return state_ == State::authenticated; }

    // Queues raw XML for the gateway (dropped when no link is up).
    void send(std::string_view xml);
    // Bytes queued for the gateway that its socket has not taken yet: grows when the gateway
    // reads its component link slower than the users' stanzas arrive.
    std::size_t pending_output() const;
    std::uint64_t stanzas_received() const { return stanzas_received_; }
    std::uint64_t bytes_sent() const { return bytes_sent_; }
    std::uint64_t bytes_received() const { return bytes_received_; }

private:
    enum class State { no_connection, awaiting_header, awaiting_handshake, authenticated };

    static void on_accept(evconnlistener*, int fd, sockaddr*, int, void* self);
    static void on_read(bufferevent*, void* self);
    static void on_event(bufferevent*, short what, void* self);
    void accept(int fd);
    void read();
    void drop(const std::string& why);
    void on_stream_open(const Element& header);
    void on_element(Element&& element);

    event_base* base_;
    std::string component_;
    std::string secret_;
    Handlers handlers_;
    evconnlistener* listener_ = nullptr;
    bufferevent* connection_ = nullptr;
    std::unique_ptr<XmlStreamReader> reader_;
    std::uint16_t port_ = 0;
    State state_ = State::no_connection;
    std::string stream_id_;
    int accepted_ = 0;
    std::uint64_t stanzas_received_ = 0;
    std::uint64_t bytes_sent_ = 0;
    std::uint64_t bytes_received_ = 0;
};

}  // namespace gw::load
