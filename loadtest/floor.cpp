#include "loadtest/floor.hpp"

#include "loadtest/floor_samples.hpp"

#include <sofia-sip/msg.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/su_alloc.h>
#include <strophe.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gw::load {
namespace {

double thread_cpu_us() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

// Median over `rounds` of the CPU time per call of `work`, in µs.
double median_us(int rounds, int iterations, const std::function<void()>& work) {
    std::vector<double> per_call;
    for (int r = 0; r < rounds; ++r) {
        const double start = thread_cpu_us();
        for (int i = 0; i < iterations; ++i) work();
        per_call.push_back((thread_cpu_us() - start) / iterations);
    }
    std::sort(per_call.begin(), per_call.end());
    return per_call[per_call.size() / 2];
}

class Strophe {
public:
    Strophe() {
        xmpp_initialize();
        ctx_ = xmpp_ctx_new(nullptr, nullptr);
        if (ctx_ == nullptr) throw std::runtime_error("floor: cannot create a libstrophe context");
    }
    ~Strophe() {
        xmpp_ctx_free(ctx_);
        xmpp_shutdown();
    }
    Strophe(const Strophe&) = delete;
    Strophe& operator=(const Strophe&) = delete;

    xmpp_stanza_t* parse(std::string_view text) const {
        xmpp_stanza_t* stanza = xmpp_stanza_new_from_string(ctx_, std::string(text).c_str());
        if (stanza == nullptr) throw std::runtime_error("floor: a sample stanza does not parse");
        return stanza;
    }
    void write(xmpp_stanza_t* stanza) const {
        char* buffer = nullptr;
        size_t length = 0;
        if (xmpp_stanza_to_text(stanza, &buffer, &length) != XMPP_EOK) throw std::runtime_error("floor: cannot serialize");
        xmpp_free(ctx_, buffer);
    }

private:
    xmpp_ctx_t* ctx_ = nullptr;
};

// One XMPP message's cost to the gateway: a received stanza is parsed (libstrophe builds its tree
// with expat), a sent one is serialized (the gateway builds it, then libstrophe writes it).
double xmpp_cost(const Strophe& strophe, const samples::Message& m, int rounds, double parser_setup_us) {
    if (m.received) {
        const double parse = median_us(rounds, 4000, [&] { xmpp_stanza_release(strophe.parse(m.text)); });
        // xmpp_stanza_new_from_string creates an expat parser each time; the gateway's stream has one.
        return std::max(0.0, parse - parser_setup_us);
    }
    xmpp_stanza_t* stanza = strophe.parse(m.text);
    const double write = median_us(rounds, 4000, [&] { strophe.write(stanza); });
    xmpp_stanza_release(stanza);
    return write;
}

// One SIP message's cost: a received one is parsed by Sofia's message parser; a sent one is
// encoded from its header objects.
double sip_cost(const samples::Message& m, int rounds) {
    const std::string text(m.text);
    msg_mclass_t const* mclass = sip_default_mclass();
    if (m.received) {
        return median_us(rounds, 4000, [&] {
            msg_t* msg = msg_make(mclass, 0, text.data(), static_cast<ssize_t>(text.size()));
            if (msg == nullptr || msg_has_error(msg)) throw std::runtime_error("floor: a sample SIP message does not parse");
            msg_destroy(msg);
        });
    }
    msg_t* msg = msg_make(mclass, 0, text.data(), static_cast<ssize_t>(text.size()));
    if (msg == nullptr || msg_has_error(msg)) throw std::runtime_error("floor: a sample SIP message does not parse");
    auto* home = static_cast<su_home_t*>(su_home_new(sizeof(su_home_t)));
    const double write = median_us(rounds, 4000, [&] {
        size_t length = 0;
        char* encoded = msg_as_string(home, msg, nullptr, 0, &length);
        if (encoded == nullptr) throw std::runtime_error("floor: cannot encode a SIP message");
        su_free(home, encoded);
    });
    su_home_unref(home);
    msg_destroy(msg);
    return write;
}

// A connected pair of loopback sockets: TCP (the component link) or UDP (SIP).
class SocketPair {
public:
    explicit SocketPair(bool tcp) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        const int type = tcp ? SOCK_STREAM : SOCK_DGRAM;
        const int listener = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
        if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
            (tcp && ::listen(listener, 1) != 0) || ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
            throw std::runtime_error("floor: cannot open a loopback socket");
        sender_ = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
        if (sender_ < 0 || ::connect(sender_, reinterpret_cast<sockaddr*>(&addr), len) != 0)
            throw std::runtime_error("floor: cannot connect a loopback socket");
        if (tcp) {
            receiver_ = ::accept(listener, nullptr, nullptr);
            ::close(listener);
            const int one = 1;
            ::setsockopt(sender_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        } else {
            receiver_ = listener;
        }
        if (receiver_ < 0) throw std::runtime_error("floor: cannot accept a loopback connection");
    }
    ~SocketPair() {
        ::close(sender_);
        ::close(receiver_);
    }
    SocketPair(const SocketPair&) = delete;
    SocketPair& operator=(const SocketPair&) = delete;

    // Median CPU µs of one send (or one receive) of `size` bytes.
    double cost(std::size_t size, bool receive, int rounds) {
        std::vector<char> buffer(size, 'x');
        std::vector<double> per_call;
        constexpr int iterations = 4000;
        for (int r = 0; r < rounds; ++r) {
            double spent = 0;
            for (int i = 0; i < iterations; ++i) {
                const double t0 = thread_cpu_us();
                if (::send(sender_, buffer.data(), size, 0) != static_cast<ssize_t>(size))
                    throw std::runtime_error("floor: loopback send failed");
                const double t1 = thread_cpu_us();
                std::size_t got = 0;
                while (got < size) {
                    const ssize_t n = ::recv(receiver_, buffer.data() + got, size - got, 0);
                    if (n <= 0) throw std::runtime_error("floor: loopback receive failed");
                    got += static_cast<std::size_t>(n);
                }
                spent += receive ? thread_cpu_us() - t1 : t1 - t0;
            }
            per_call.push_back(spent / iterations);
        }
        std::sort(per_call.begin(), per_call.end());
        return per_call[per_call.size() / 2];
    }

private:
    int sender_ = -1, receiver_ = -1;
};

double io_sum(const std::vector<samples::Message>& messages, SocketPair& socket, int rounds) {
    double total = 0;
    for (const samples::Message& m : messages) total += socket.cost(m.text.size(), m.received, rounds);
    return total;
}

double sum(const Strophe& strophe, const std::vector<samples::Message>& xmpp, const std::vector<samples::Message>& sip,
           int rounds, double parser_setup_us, const std::string& prefix, std::map<std::string, double>& parts) {
    double total = 0;
    for (const samples::Message& m : xmpp) {
        const double us = xmpp_cost(strophe, m, rounds, parser_setup_us);
        parts[prefix + "xmpp " + std::string(m.name)] = us;
        total += us;
    }
    for (const samples::Message& m : sip) {
        const double us = sip_cost(m, rounds);
        parts[prefix + "sip " + std::string(m.name)] = us;
        total += us;
    }
    return total;
}

}  // namespace

FloorResult measure_floor(int rounds) {
    Strophe strophe;
    FloorResult result;
    result.rounds = rounds;
    const double parser_setup_us =
        median_us(rounds, 4000, [&] { xmpp_stanza_release(strophe.parse("<presence/>")); });
    result.parts_us["xmpp parser setup (subtracted)"] = parser_setup_us;
    result.login_us = sum(strophe, samples::login_xmpp(), samples::login_sip(), rounds, parser_setup_us, "login: ",
                          result.parts_us);
    result.call_out_us = sum(strophe, samples::call_out_xmpp(), samples::call_out_sip(), rounds, parser_setup_us,
                             "call out: ", result.parts_us);
    result.call_in_us = sum(strophe, samples::call_in_xmpp(), samples::call_in_sip(), rounds, parser_setup_us,
                            "call in: ", result.parts_us);
    SocketPair tcp(true), udp(false);
    auto with_io = [&](const std::vector<samples::Message>& xmpp, const std::vector<samples::Message>& sip) {
        return io_sum(xmpp, tcp, rounds) + io_sum(sip, udp, rounds);
    };
    result.login_io_us = result.login_us + with_io(samples::login_xmpp(), samples::login_sip());
    result.call_out_io_us = result.call_out_us + with_io(samples::call_out_xmpp(), samples::call_out_sip());
    result.call_in_io_us = result.call_in_us + with_io(samples::call_in_xmpp(), samples::call_in_sip());
    return result;
}

}  // namespace gw::load
