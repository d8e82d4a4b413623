// A raw capture of every UDP datagram in the test's network namespace (AF_PACKET, all
// interfaces, loopback included), sorted into flows by what the first payload byte says it is
// (RFC 7983): STUN, DTLS, RTP, RTCP or other (SIP, DNS ...). It shows where media really went:
// between the endpoints, and never to or from the gateway. Needs root (the tests have it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>

namespace gw::interop {

enum class DatagramKind { stun, dtls, rtp, rtcp, other };
const char* datagram_kind_name(DatagramKind kind);

// The kind of a UDP payload (RFC 7983 demultiplexing; RTCP is RTP's range with a payload type
// of 200-204, RFC 5761).
DatagramKind classify_datagram(const std::uint8_t* data, std::size_t size);

struct Flow {
    std::string source;       // "ip:port"
    std::string destination;  // "ip:port"
    DatagramKind kind = DatagramKind::other;
    auto operator<=>(const Flow&) const = default;
};

class MediaCapture {
public:
    // Opens the raw socket and starts the capture thread. Throws std::runtime_error on failure.
    MediaCapture();
    MediaCapture(const MediaCapture&) = delete;
    MediaCapture& operator=(const MediaCapture&) = delete;
    ~MediaCapture();

    // Datagrams seen so far, by flow (each counted once, however many interfaces showed it).
    std::map<Flow, std::size_t> flows() const;
    // Datagrams of `kind` seen so far.
    std::size_t count(DatagramKind kind) const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace gw::interop
