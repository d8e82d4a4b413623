#include "tests/support/fake_component_server.hpp"

#include "tests/rig/component_handshake.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <strophe.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

namespace gw::test {

FakeComponentServer::FakeComponentServer(std::string component, std::string secret)
    : component_(std::move(component)), secret_(std::move(secret)) {
    listener_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        listen(listener_, 8) != 0 ||
        getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("fake component server: cannot listen");
    port_ = ntohs(addr.sin_port);
}

FakeComponentServer::~FakeComponentServer() {
    drop_connection();
    if (listener_ >= 0) close(listener_);
}

void FakeComponentServer::drop_connection() {
    if (client_ >= 0) close(client_);
    client_ = -1;
    state_ = State::no_connection;
    inbox_.clear();
}

void FakeComponentServer::poll() {
    if (client_ < 0) {
        int fd = accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) return;
        client_ = fd;
        ++accepted_;
        state_ = State::awaiting_header;
        stream_id_ = "fake" + std::to_string(accepted_);
    }
    char buffer[8192];
    for (;;) {
        ssize_t n = recv(client_, buffer, sizeof buffer, 0);
        if (n > 0) {
            on_bytes(std::string_view(buffer, static_cast<size_t>(n)));
            if (client_ < 0) return;
            continue;
        }
        if (n == 0) drop_connection();  // the gateway closed
        return;
    }
}

void FakeComponentServer::on_bytes(std::string_view bytes) {
    if (state_ == State::authenticated) {
        received_.append(bytes);
        return;
    }
    inbox_.append(bytes);
    if (state_ == State::awaiting_header) {
        const auto header_end = inbox_.find('>', inbox_.find("<stream:stream"));
        if (header_end == std::string::npos) return;
        inbox_.erase(0, header_end + 1);
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
             "xmlns:stream='http://etherx.jabber.org/streams' from='" + component_ +
             "' id='" + stream_id_ + "'>");
        state_ = State::awaiting_handshake;
    }
    if (state_ == State::awaiting_handshake) {
        const auto open = inbox_.find("<handshake");
        const auto open_end = inbox_.find('>', open);
        const auto close_tag = inbox_.find("</handshake>");
        if (open == std::string::npos || open_end == std::string::npos || close_tag == std::string::npos)
            return;
        const std::string digest = inbox_.substr(open_end + 1, close_tag - open_end - 1);
        inbox_.erase(0, close_tag + 12);
        if (digest == rig::component_handshake_digest(stream_id_, secret_)) {
            send("<handshake/>");
            state_ = State::authenticated;
            received_.append(inbox_);
            inbox_.clear();
        } else {
            ++refused_;
            send("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                 "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Given token does not match "
                 "calculated token</text></stream:error></stream:stream>");
            drop_connection();
        }
    }
}

void FakeComponentServer::send(std::string_view xml) {
    if (client_ < 0) return;
    size_t sent = 0;
    while (sent < xml.size()) {
        ssize_t n = ::send(client_, xml.data() + sent, xml.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;
        sent += static_cast<size_t>(n);
    }
}

}  // namespace gw::test
