// What the full-stack mode's users do on their client connections (c2s_clients.hpp), as a user's
// client would: sign up with the gateway (XEP-0100 form, then the subscription handshake, as
// tests/e2e/sign_up does), come online and leave (presence with XEP-0115 caps), read the gateway's
// status presence as their SIP registration state, answer disco#info, roster pushes and every
// other IQ, and call bob%127.0.0.1@gateway: raw-UDP session-initiate, session-accept, hold,
// session-terminate. Outcomes of calls go to Tallies by ramp step.
#pragma once

#include "loadtest/caps.hpp"
#include "loadtest/stats.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

struct _xmpp_stanza_t;

namespace gw::load {

class ClientPool;

struct FullStackCallOptions {
    Micros hold_us = 1'000'000;
    Micros timeout_us = 10'000'000;
    std::string callee;  // bare JID
};

class FullStackUsers {
public:
    using RegistrationObserver = std::function<void(std::size_t user, bool ok, const std::string& cause)>;

    FullStackUsers(ClientPool& clients, std::string sip_proxy, FullStackCallOptions calls);

    // The ClientPool's stanza handler.
    void handle(std::size_t user, _xmpp_stanza_t* stanza);

    // Sign-up: available presence, the XEP-0100 form with the user's SIP account at `sip_proxy`;
    // the gateway's subscription request is approved and returned. Done when the gateway says
    // "registered as ...".
    void sign_up(std::size_t user);
    std::size_t signed_up() const { return signed_up_; }
    std::uint64_t sign_up_failures() const { return sign_up_failures_; }
    const std::string& first_sign_up_failure() const { return first_sign_up_failure_; }

    void go_online(std::size_t user);
    void go_offline(std::size_t user);
    bool online(std::size_t user) const { return users_[user].online; }
    std::size_t registered_count() const { return registered_; }
    void on_registration(RegistrationObserver observer) { observer_ = std::move(observer); }

    void call_out(std::size_t user, std::size_t step, Micros now);
    void tick(Micros now);  // hang-ups after the hold, timeouts
    const Tallies& calls() const { return calls_tally_; }
    std::size_t active_calls() const { return active_; }
    std::size_t waiting_calls() const { return waiting_; }

    std::uint64_t disco_queries() const { return disco_queries_; }
    std::uint64_t unhandled() const { return unhandled_; }
    const std::vector<std::string>& unhandled_samples() const { return samples_; }

private:
    enum class Registration : std::uint8_t { none, registered, failed };
    enum class SignUp : std::uint8_t { none, form_sent, done, failed };
    struct User {
        bool online = false;
        Registration registration = Registration::none;
        SignUp sign_up = SignUp::none;
    };
    enum class CallState : std::uint8_t { initiating, answered, terminating, done };
    struct Call {
        CallState state = CallState::initiating;
        std::uint32_t user = 0;
        std::uint32_t step = 0;
        std::uint32_t generation = 0;
        Micros started = 0;
        std::string peer;
    };
    struct Timer {
        Micros due;
        std::uint32_t call;
        std::uint32_t generation;
    };

    void on_presence(std::size_t user, _xmpp_stanza_t* presence);
    void on_iq(std::size_t user, _xmpp_stanza_t* iq);
    void on_jingle(std::size_t user, _xmpp_stanza_t* iq, _xmpp_stanza_t* jingle, Micros now);
    void on_call_result(std::uint32_t call, char kind, _xmpp_stanza_t* iq, Micros now);
    void set_registration(std::size_t user, Registration next, const std::string& cause);
    void sign_up_failed(std::size_t user, const std::string& cause);
    void set_call_state(std::uint32_t call, CallState state, Micros now);
    void finish_call(std::uint32_t call, bool ok, const std::string& cause, Micros now);
    void send_terminate(std::uint32_t call, const char* reason);
    void reply(std::size_t user, _xmpp_stanza_t* iq, const std::string& payload, bool error = false);
    void unhandled(_xmpp_stanza_t* stanza);

    ClientPool& clients_;
    std::string proxy_;
    FullStackCallOptions options_;
    ClientCaps caps_{false};
    std::string available_;  // the available presence, with caps
    std::vector<User> users_;
    RegistrationObserver observer_;
    std::size_t registered_ = 0;
    std::size_t signed_up_ = 0;
    std::uint64_t sign_up_failures_ = 0;
    std::string first_sign_up_failure_;
    std::vector<Call> calls_;
    std::deque<Timer> hangups_, timeouts_;  // due in start order: one hold, one timeout for all
    Tallies calls_tally_;
    std::size_t active_ = 0, waiting_ = 0;
    std::uint64_t disco_queries_ = 0, unhandled_ = 0;
    std::vector<std::string> samples_;
};

}  // namespace gw::load
