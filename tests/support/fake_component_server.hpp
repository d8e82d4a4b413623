// The server side of XEP-0114 for component tests: accepts the gateway's component connection on
// 127.0.0.1, checks the handshake digest, then lets the test send raw XML and read what the
// gateway sent. Non-blocking: the test calls poll() between loop steps (see loop_pump.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gw::test {

class FakeComponentServer {
public:
    FakeComponentServer(std::string component, std::string secret);
    ~FakeComponentServer();
    FakeComponentServer(const FakeComponentServer&) = delete;
    FakeComponentServer& operator=(const FakeComponentServer&) = delete;

    std::uint16_t port() const { return port_; }
    void poll();  // accept, read, answer the stream header and handshake

    bool authenticated() const { return state_ == State::authenticated; }
    int connections_accepted() const { return accepted_; }
    int handshakes_refused() const { return refused_; }
    bool connection_open() const { return client_ >= 0; }

    void send(std::string_view xml);          // to the gateway
    const std::string& received() const { return received_; }  // since the handshake
    void clear_received() { received_.clear(); }
    void drop_connection();                   // close the TCP connection abruptly

private:
    enum class State { no_connection, awaiting_header, awaiting_handshake, authenticated };
    void on_bytes(std::string_view bytes);

    std::string component_;
    std::string secret_;
    int listener_ = -1;
    int client_ = -1;
    std::uint16_t port_ = 0;
    State state_ = State::no_connection;
    std::string stream_id_;
    std::string inbox_;     // bytes before authentication
    std::string received_;  // bytes after authentication
    int accepted_ = 0;
    int refused_ = 0;
};

}  // namespace gw::test
