// The full-stack mode's users as real XMPP clients: one libstrophe client connection per user to
// the XMPP server's c2s port. Accounts are created first with in-band registration (XEP-0077, a
// raw connection per user), then each user logs in as a client does: stream, SASL (the strongest
// mechanism both sides have: SCRAM), resource bind, session, roster.
//
// This class's own loop drives them. libstrophe's turn (xmpp_run_once) select()s over every
// connection of its context, which at hundreds of users cost the load tool more CPU than the
// server it measures: so the users are split into contexts of kGroupSize, an epoll set says which
// have input, and only those (and those with output queued) get a turn; every context gets one at
// least every 100 ms (every 1 ms while connecting: sockets then wait for writability, which the
// epoll set does not watch).
//
// select() also means every socket of the process must stay below FD_SETSIZE (1024), hence at
// most kMaxClients users. Stream management (XEP-0198) is off: the users send preformatted XML
// (xmpp_send_raw), which libstrophe's stream-management counter does not see.
#pragma once

#include "loadtest/stats.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct _xmpp_ctx_t;
struct _xmpp_conn_t;
struct _xmpp_stanza_t;

namespace gw::load {

inline constexpr std::size_t kMaxClients = 900;
inline constexpr std::size_t kGroupSize = 32;
// Every user's XMPP password.
inline constexpr const char* kXmppPassword = "load-test-xmpp-password";

class ClientPool {
public:
    using StanzaHandler = std::function<void(std::size_t user, _xmpp_stanza_t* stanza)>;

    // Users user0 .. user(count-1) at kXmppDomain, resource kResource. Throws std::invalid_argument
    // above kMaxClients.
    ClientPool(std::uint16_t c2s_port, std::size_t count, StanzaHandler handler);
    ~ClientPool();
    ClientPool(const ClientPool&) = delete;
    ClientPool& operator=(const ClientPool&) = delete;

    std::size_t size() const { return clients_.size(); }
    // In-band registration of every account (one that exists already counts), at most `parallel`
    // at once. False with the reason (the first failure) in `why`.
    bool create_accounts(std::size_t parallel, Micros timeout_us, std::string& why);
    // Logs every user in (no presence yet), at most `parallel` at once.
    bool connect_all(std::size_t parallel, Micros timeout_us, std::string& why);
    // Queues raw XML on the user's stream (written at the start of the next turn).
    void send(std::size_t user, std::string_view xml);
    // Turns libstrophe until done() or the timeout; tick(now) after every turn (at least once a
    // millisecond). True if done. An exception from tick or a handler stops the run and is rethrown.
    bool run(const std::function<bool()>& done, Micros timeout_us, const std::function<void(Micros)>& tick = {});

    std::size_t connected() const { return connected_; }
    // Connections that went down after login (the server closed them, or an error).
    std::uint64_t lost() const { return lost_; }
    const std::string& first_loss() const { return first_loss_; }

private:
    struct Client;
    friend struct ClientHooks;  // libstrophe's callbacks (c2s_clients.cpp)
    bool phase(std::size_t parallel, Micros timeout_us, std::string& why, const char* what,
               const std::function<void(Client&)>& start);
    void fail(Client& client, const std::string& why);
    void release_finished();
    std::size_t group_of(_xmpp_ctx_t* ctx) const;
    void turn(Micros now);

    std::vector<_xmpp_ctx_t*> contexts_;  // client i is in contexts_[i / kGroupSize]
    int epoll_ = -1;
    std::vector<bool> due_;  // by context: output queued, or input ready
    Micros full_turn_every_ = 1000;
    Micros next_full_turn_ = 0;
    std::uint16_t port_;
    StanzaHandler handler_;
    std::vector<std::unique_ptr<Client>> clients_;
    std::vector<_xmpp_conn_t*> to_release_;
    std::size_t connected_ = 0;
    std::size_t settled_ = 0;  // in the current phase: done or failed
    std::size_t failed_ = 0;
    std::string first_failure_;
    std::uint64_t lost_ = 0;
    std::string first_loss_;
    std::exception_ptr error_;
};

}  // namespace gw::load
