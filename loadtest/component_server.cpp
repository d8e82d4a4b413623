#include "loadtest/component_server.hpp"

#include "tests/rig/component_handshake.hpp"

#include <arpa/inet.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <strophe.h>
#include <sys/socket.h>

#include <cstdio>
#include <exception>
#include <stdexcept>

namespace gw::load {


ComponentServer::ComponentServer(event_base* base, std::string component, std::string secret, Handlers handlers)
    : base_(base), component_(std::move(component)), secret_(std::move(secret)), handlers_(std::move(handlers)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    listener_ = evconnlistener_new_bind(base_, &ComponentServer::on_accept, this,
                                        LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC | LEV_OPT_REUSEABLE, 16,
                                        reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    if (listener_ == nullptr) throw std::runtime_error("component server: cannot listen on 127.0.0.1");
    socklen_t len = sizeof addr;
    if (getsockname(evconnlistener_get_fd(listener_), reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("component server: cannot read its port");
    port_ = ntohs(addr.sin_port);
}

ComponentServer::~ComponentServer() {
    if (connection_ != nullptr) bufferevent_free(connection_);
    evconnlistener_free(listener_);
}

void ComponentServer::on_accept(evconnlistener*, int fd, sockaddr*, int, void* self) {
    try {
        static_cast<ComponentServer*>(self)->accept(fd);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "xsg-load: component server: %s\n", e.what());
    }
}

void ComponentServer::on_read(bufferevent*, void* self) {
    try {
        static_cast<ComponentServer*>(self)->read();
    } catch (const std::exception& e) {
        static_cast<ComponentServer*>(self)->drop(e.what());
    }
}

void ComponentServer::on_event(bufferevent*, short what, void* self) {
    auto* server = static_cast<ComponentServer*>(self);
    try {
        if (what & BEV_EVENT_EOF) server->drop("the gateway closed the component connection");
        else if (what & BEV_EVENT_ERROR) server->drop("component connection error");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "xsg-load: component server: %s\n", e.what());
    }
}

void ComponentServer::accept(int fd) {
    if (connection_ != nullptr) {
        // One component link at a time, as Prosody's default (kick_new).
        evutil_closesocket(fd);
        return;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    connection_ = bufferevent_socket_new(base_, fd, BEV_OPT_CLOSE_ON_FREE);
    if (connection_ == nullptr) {
        evutil_closesocket(fd);
        throw std::runtime_error("cannot create a buffer for the component connection");
    }
    ++accepted_;
    stream_id_ = "xsgload" + std::to_string(accepted_) + rig::component_handshake_digest(std::to_string(fd), secret_).substr(0, 8);
    state_ = State::awaiting_header;
    reader_ = std::make_unique<XmlStreamReader>(XmlStreamReader::Handlers{
        .stream_open = [this](const Element& header) { on_stream_open(header); },
        .stanza = [this](Element&& element) { on_element(std::move(element)); },
        .stream_close = [this] { drop("the gateway closed its stream"); },
        .error = [](const std::string&) {},
    });
    bufferevent_setcb(connection_, &ComponentServer::on_read, nullptr, &ComponentServer::on_event, this);
    bufferevent_enable(connection_, EV_READ | EV_WRITE);
}

void ComponentServer::read() {
    evbuffer* input = bufferevent_get_input(connection_);
    while (connection_ != nullptr && evbuffer_get_length(input) > 0) {
        evbuffer_iovec chunk;
        if (evbuffer_peek(input, -1, nullptr, &chunk, 1) < 1) break;
        const std::size_t length = chunk.iov_len;
        bytes_received_ += length;
        XmlStreamReader* reader = reader_.get();
        bool ok = false;
        std::string failure;
        try {
            ok = reader->feed(std::string_view(static_cast<const char*>(chunk.iov_base), length));
        } catch (const std::exception& e) {
            failure = e.what();
        }
        if (connection_ == nullptr) return;  // a handler dropped the link
        evbuffer_drain(input, length);
        if (!ok) {
            drop(failure.empty() ? "the gateway sent malformed XML" : failure);
            return;
        }
    }
}

void ComponentServer::drop(const std::string& why) {
    if (connection_ == nullptr) return;
    bufferevent_free(connection_);
    connection_ = nullptr;
    // The reader may be on the stack (a handler dropped the link): free it on the next turn.
    event_base_once(base_, -1, EV_TIMEOUT, [](int, short, void* raw) {
        delete static_cast<XmlStreamReader*>(raw);
    }, reader_.release(), nullptr);
    state_ = State::no_connection;
    if (handlers_.closed) handlers_.closed(why);
}

void ComponentServer::on_stream_open(const Element& header) {
    if (state_ != State::awaiting_header) return;
    if (header.attr("xmlns") != "jabber:component:accept" || header.attr("to") != component_) {
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
             "xmlns:stream='http://etherx.jabber.org/streams'><stream:error><host-unknown "
             "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>");
        drop("the gateway opened a stream for '" + std::string(header.attr("to")) + "', expected " + component_);
        return;
    }
    state_ = State::awaiting_handshake;
    send("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
         "xmlns:stream='http://etherx.jabber.org/streams' from='" + escape(component_) + "' id='" + stream_id_ + "'>");
}

void ComponentServer::on_element(Element&& element) {
    if (state_ == State::awaiting_handshake) {
        if (element.name != "handshake" || element.text != rig::component_handshake_digest(stream_id_, secret_)) {
            send("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                 "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Given token does not match calculated "
                 "token</text></stream:error></stream:stream>");
            drop("the gateway's handshake did not match the secret");
            return;
        }
        state_ = State::authenticated;
        send("<handshake/>");
        if (handlers_.authenticated) handlers_.authenticated();
        return;
    }
    if (state_ != State::authenticated) return;
    ++stanzas_received_;
    if (handlers_.stanza) handlers_.stanza(std::move(element));
}

std::size_t ComponentServer::pending_output() const {
    return connection_ == nullptr ? 0 : evbuffer_get_length(bufferevent_get_output(connection_));
}

void ComponentServer::send(std::string_view xml) {
    if (connection_ == nullptr) return;
    bytes_sent_ += xml.size();
    bufferevent_write(connection_, xml.data(), xml.size());
}

}  // namespace gw::load
