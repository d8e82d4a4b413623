#include "loadtest/c2s_clients.hpp"

#include "loadtest/accounts.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <strophe.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace gw::load {

struct ClientPool::Client {
    enum class State : std::uint8_t { idle, registering, account_ready, connecting, online, failed, lost };
    ClientPool* pool = nullptr;
    std::size_t index = 0;
    xmpp_conn_t* conn = nullptr;      // the client connection
    xmpp_conn_t* register_conn = nullptr;  // the raw connection of the in-band registration
    State state = State::idle;
};

namespace {

std::string_view text_or_empty(const char* text) { return text == nullptr ? std::string_view() : text; }

// The defined condition of a stanza error ("conflict"), or "unknown".
std::string error_condition(xmpp_stanza_t* stanza) {
    xmpp_stanza_t* error = xmpp_stanza_get_child_by_name(stanza, "error");
    for (xmpp_stanza_t* c = error ? xmpp_stanza_get_children(error) : nullptr; c; c = xmpp_stanza_get_next(c)) {
        const char* name = xmpp_stanza_get_name(c);
        if (name != nullptr && std::string_view(name) != "text" && xmpp_stanza_is_tag(c)) return name;
    }
    return "unknown";
}

std::string disconnect_reason(int error, xmpp_stream_error_t* stream_error) {
    if (stream_error != nullptr)
        return "stream error " + std::to_string(static_cast<int>(stream_error->type)) +
               (stream_error->text ? std::string(": ") + stream_error->text : std::string());
    return error != 0 ? "socket error " + std::to_string(error) : "closed by the server";
}

}  // namespace

struct ClientHooks {
    using Client = ClientPool::Client;
    using State = Client::State;
    static thread_local ClientPool* connecting;

    static int on_socket(xmpp_conn_t* conn, void* socket) {
        const int fd = *static_cast<int*>(socket);
        // libstrophe's select() cannot watch a descriptor past FD_SETSIZE: refuse it here.
        if (fd >= FD_SETSIZE) return -1;
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        // Input on it gives its context a turn (a closed descriptor leaves the set by itself). The
        // callback has no user data: the pool says who is connecting around its connect call.
        if (ClientPool* pool = connecting) {
            epoll_event watch{};
            watch.events = EPOLLIN;
            watch.data.u64 = pool->group_of(xmpp_conn_get_context(conn));
            epoll_ctl(pool->epoll_, EPOLL_CTL_ADD, fd, &watch);
        }
        return xmpp_sockopt_cb_keepalive(conn, socket);
    }

    static void on_raw_event(xmpp_conn_t* conn, xmpp_conn_event_t event, int error, xmpp_stream_error_t* stream_error,
                             void* self) {
        auto& c = *static_cast<Client*>(self);
        if (event == XMPP_CONN_RAW_CONNECT) {
            xmpp_conn_open_stream_default(conn);
        } else if (event == XMPP_CONN_CONNECT) {
            xmpp_handler_add(conn, &on_features, XMPP_NS_STREAMS, "features", nullptr, self);
        } else {
            // Settled once the connection is gone: its descriptor is free for the logins.
            if (c.state == State::registering) c.pool->fail(c, "registration: " + disconnect_reason(error, stream_error));
            else if (c.state == State::account_ready) ++c.pool->settled_;
            c.pool->to_release_.push_back(conn);
            c.register_conn = nullptr;
        }
    }

    static int on_features(xmpp_conn_t* conn, xmpp_stanza_t*, void* self) {
        auto& c = *static_cast<Client*>(self);
        xmpp_id_handler_add(conn, &on_registered, "reg", self);
        const std::string iq = "<iq type='set' id='reg' to='" + std::string(kXmppDomain) +
                               "'><query xmlns='jabber:iq:register'><username>user" + std::to_string(c.index) +
                               "</username><password>" + kXmppPassword + "</password></query></iq>";
        xmpp_send_raw(conn, iq.data(), iq.size());
        return 0;
    }

    static int on_registered(xmpp_conn_t* conn, xmpp_stanza_t* stanza, void* self) {
        auto& c = *static_cast<Client*>(self);
        const std::string_view type = text_or_empty(xmpp_stanza_get_type(stanza));
        // conflict: the account exists (a rerun against the same server), which is what we want.
        if (type == "result" || (type == "error" && error_condition(stanza) == "conflict")) {
            c.state = State::account_ready;
        } else {
            c.pool->fail(c, "registration refused: " + error_condition(stanza));
        }
        xmpp_disconnect(conn);
        return 0;
    }

    static void on_client_event(xmpp_conn_t* conn, xmpp_conn_event_t event, int error, xmpp_stream_error_t* stream_error,
                                void* self) {
        auto& c = *static_cast<Client*>(self);
        ClientPool& pool = *c.pool;
        if (event == XMPP_CONN_CONNECT) {
            c.state = State::online;
            ++pool.connected_;
            ++pool.settled_;
            xmpp_handler_add(conn, &on_stanza, nullptr, nullptr, nullptr, self);
            // As clients do after binding: fetch the roster (it also marks the session interested
            // in roster pushes and presence).
            static constexpr std::string_view roster = "<iq type='get' id='roster'><query xmlns='jabber:iq:roster'/></iq>";
            xmpp_send_raw(conn, roster.data(), roster.size());
            return;
        }
        if (event != XMPP_CONN_DISCONNECT && event != XMPP_CONN_FAIL) return;
        const std::string why = disconnect_reason(error, stream_error);
        if (c.state == State::online) {
            --pool.connected_;
            c.state = State::lost;
            if (pool.lost_++ == 0) pool.first_loss_ = "user" + std::to_string(c.index) + ": " + why;
        } else if (c.state == State::connecting) {
            pool.fail(c, "login: " + why);
        }
    }

    static int on_stanza(xmpp_conn_t*, xmpp_stanza_t* stanza, void* self) {
        auto& c = *static_cast<Client*>(self);
        ClientPool& pool = *c.pool;
        if (pool.error_) return 1;
        try {
            pool.handler_(c.index, stanza);
        } catch (...) {
            pool.error_ = std::current_exception();
        }
        return 1;
    }
};

thread_local ClientPool* ClientHooks::connecting = nullptr;

ClientPool::ClientPool(std::uint16_t c2s_port, std::size_t count, StanzaHandler handler)
    : port_(c2s_port), handler_(std::move(handler)) {
    if (count > kMaxClients)
        throw std::invalid_argument("at most " + std::to_string(kMaxClients) + " client connections (libstrophe's select())");
    xmpp_initialize();
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) throw std::runtime_error("cannot create an epoll set");
    for (std::size_t i = 0; i < count; i += kGroupSize) {
        xmpp_ctx_t* ctx = xmpp_ctx_new(nullptr, nullptr);  // no logger: libstrophe stays quiet
        if (ctx == nullptr) throw std::runtime_error("cannot create a libstrophe context");
        contexts_.push_back(ctx);
    }
    due_.assign(contexts_.size(), false);
    for (std::size_t i = 0; i < count; ++i) {
        auto client = std::make_unique<Client>();
        client->pool = this;
        client->index = i;
        clients_.push_back(std::move(client));
    }
}

ClientPool::~ClientPool() {
    // Released without a goodbye: the server is about to go too.
    for (auto& c : clients_)
        for (xmpp_conn_t* conn : {c->conn, c->register_conn})
            if (conn != nullptr) xmpp_conn_release(conn);
    release_finished();
    for (xmpp_ctx_t* ctx : contexts_) xmpp_ctx_free(ctx);
    close(epoll_);
}

std::size_t ClientPool::group_of(xmpp_ctx_t* ctx) const {
    return static_cast<std::size_t>(std::find(contexts_.begin(), contexts_.end(), ctx) - contexts_.begin());
}

void ClientPool::fail(Client& client, const std::string& why) {
    client.state = Client::State::failed;
    ++settled_;
    if (failed_++ == 0) first_failure_ = "user" + std::to_string(client.index) + ": " + why;
}

void ClientPool::release_finished() {
    for (xmpp_conn_t* conn : to_release_) xmpp_conn_release(conn);
    to_release_.clear();
}

bool ClientPool::phase(std::size_t parallel, Micros timeout_us, std::string& why, const char* what,
                       const std::function<void(Client&)>& start) {
    settled_ = failed_ = 0;
    first_failure_.clear();
    std::size_t next = 0;
    auto start_more = [&] {
        while (next < clients_.size() && next - settled_ < parallel && failed_ == 0) start(*clients_[next++]);
    };
    start_more();
    const bool done = run([&] { return settled_ == clients_.size() || failed_ > 0; }, timeout_us,
                          [&](Micros) { start_more(); });
    if (done && failed_ == 0) return true;
    why = std::string(what) + ": " + std::to_string(settled_ - failed_) + " of " + std::to_string(clients_.size()) +
          " done" + (failed_ ? ", first failure " + first_failure_ : ", the rest timed out");
    // Where the stragglers were, for whoever has to find out why.
    std::size_t shown = 0;
    for (const auto& c : clients_) {
        if (shown == 5) break;
        const bool waiting = c->state == Client::State::registering || c->state == Client::State::connecting;
        if (!waiting) continue;
        xmpp_conn_t* conn = c->state == Client::State::registering ? c->register_conn : c->conn;
        why += std::string(shown++ ? ", " : " (") + "user" + std::to_string(c->index) +
               (conn == nullptr                  ? ": no connection"
                : xmpp_conn_is_connecting(conn) ? ": TCP connecting"
                : xmpp_conn_is_connected(conn)  ? ": stream open, no session yet"
                                                : ": disconnected");
    }
    if (shown) why += ")";
    return false;
}

bool ClientPool::create_accounts(std::size_t parallel, Micros timeout_us, std::string& why) {
    return phase(parallel, timeout_us, why, "account registration", [&](Client& c) {
        c.state = Client::State::registering;
        c.register_conn = xmpp_conn_new(contexts_[c.index / kGroupSize]);
        xmpp_conn_set_flags(c.register_conn, XMPP_CONN_FLAG_DISABLE_TLS | XMPP_CONN_FLAG_DISABLE_SM);
        xmpp_conn_set_sockopt_callback(c.register_conn, &ClientHooks::on_socket);
        xmpp_conn_set_jid(c.register_conn, kXmppDomain);
        ClientHooks::connecting = this;
        const int status = xmpp_connect_raw(c.register_conn, "127.0.0.1", port_, &ClientHooks::on_raw_event, &c);
        ClientHooks::connecting = nullptr;
        if (status != XMPP_EOK) fail(c, "cannot open a connection");
    });
}

bool ClientPool::connect_all(std::size_t parallel, Micros timeout_us, std::string& why) {
    full_turn_every_ = 1000;
    const bool done = phase(parallel, timeout_us, why, "login", [&](Client& c) {
        c.state = Client::State::connecting;
        c.conn = xmpp_conn_new(contexts_[c.index / kGroupSize]);
        xmpp_conn_set_flags(c.conn, XMPP_CONN_FLAG_DISABLE_TLS | XMPP_CONN_FLAG_DISABLE_SM);
        xmpp_conn_set_sockopt_callback(c.conn, &ClientHooks::on_socket);
        xmpp_conn_set_jid(c.conn, user_full_jid(c.index).c_str());
        xmpp_conn_set_pass(c.conn, kXmppPassword);
        ClientHooks::connecting = this;
        const int status = xmpp_connect_client(c.conn, "127.0.0.1", port_, &ClientHooks::on_client_event, &c);
        ClientHooks::connecting = nullptr;
        if (status != XMPP_EOK) fail(c, "cannot open a connection");
    });
    // Everyone is connected: input wakes the contexts; the rest only needs libstrophe's timers.
    if (done) full_turn_every_ = 100'000;
    return done;
}

void ClientPool::send(std::size_t user, std::string_view xml) {
    Client& c = *clients_.at(user);
    if (c.state != Client::State::online) return;
    xmpp_send_raw(c.conn, xml.data(), xml.size());
    due_[user / kGroupSize] = true;  // libstrophe writes at the start of the context's next turn
}

void ClientPool::turn(Micros now) {
    epoll_event events[64];
    // Output waiting: look for input without sleeping, and write it at once.
    const bool output = std::find(due_.begin(), due_.end(), true) != due_.end();
    const int ready = epoll_wait(epoll_, events, 64, output ? 0 : 1);
    for (int i = 0; i < ready; ++i) due_[events[i].data.u64] = true;
    const bool full = now >= next_full_turn_;
    if (full) next_full_turn_ = now + full_turn_every_;
    for (std::size_t g = 0; g < contexts_.size(); ++g) {
        if (!full && !due_[g]) continue;
        due_[g] = false;
        xmpp_run_once(contexts_[g], 0);
    }
}

bool ClientPool::run(const std::function<bool()>& done, Micros timeout_us, const std::function<void(Micros)>& tick) {
    const Micros deadline = now_us() + timeout_us;
    while (true) {
        if (done()) return true;
        const Micros now = now_us();
        if (now >= deadline) return false;
        // One turn: wait at most 1 ms for input, then libstrophe writes and reads where due.
        turn(now);
        release_finished();
        if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
        if (tick) tick(now_us());
    }
}

}  // namespace gw::load
