// The simulated users' Jingle side of calls, both ways, as the call protocol of the gateway asks
// (see loadtest/README.md):
//   out: session-initiate (or a JMI <propose/> first) to bob%127.0.0.1@gateway; answer every IQ
//        set the gateway sends; on session-accept, hold, then session-terminate.
//   in:  the gateway rings with <propose/> (users whose caps say JMI) or session-initiate; the
//        user proceeds, acks and sends session-accept at once; the caller's BYE arrives as
//        session-terminate.
// Outcomes go to Tallies (the step is the ramp step the call started in).
#pragma once

#include "loadtest/stats.hpp"
#include "loadtest/xml.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace gw::load {

class ComponentServer;

struct CallOptions {
    Micros hold_us = 1'000'000;      // answered calls out are hung up after this long
    Micros timeout_us = 10'000'000;  // a call not answered (or not torn down) this long fails
    bool jmi_out = false;            // calls out start with <propose/>
    std::string callee;              // bare JID the users call ("bob%127.0.0.1@sip.load.test")
    // The callee's own time for the last INVITE of a user (built-in callee); empty: not known.
    std::function<std::optional<Micros>(std::size_t user)> callee_time;
};

class CallAgent {
public:
    CallAgent(ComponentServer& server, CallOptions options);

    // A new call out from `user`, counted in `step`.
    void call_out(std::size_t user, std::size_t step, Micros now);
    // Call stanzas (Jingle IQs, results of ours, JMI messages); false for anything else.
    bool handle(const Element& stanza, Micros now);
    // Hangs up calls whose hold is over and fails calls stuck longer than the timeout.
    void tick(Micros now);
    // Calls in are counted by step from `now` on (sipp starts them; the user only answers).
    void set_step_in(std::size_t step) { step_in_ = step; }

    const Tallies& out() const { return out_; }
    const Tallies& in() const { return in_; }
    std::size_t active_out() const { return active_out_; }
    std::size_t active_in() const { return active_in_; }
    // Calls waiting for their setup (out: no session-accept yet; in: not yet accepted).
    std::size_t waiting_out() const { return waiting_[0]; }
    std::size_t waiting_in() const { return waiting_[1]; }
    std::uint64_t unknown_sessions() const { return unknown_sessions_; }

private:
    enum class State : std::uint8_t {
        proposing,    // out, JMI: propose sent, waiting for proceed
        initiating,   // out: session-initiate sent, waiting for session-accept
        answered,     // out: holding
        terminating,  // out: our session-terminate sent, waiting for its result
        ringing,      // in: propose received, proceed sent, waiting for session-initiate
        accepting,    // in: session-accept sent, waiting for its result
        talking,      // in: accepted, waiting for the caller's hang-up
        done,
    };
    enum class Direction : std::uint8_t { out, in };
    struct Call {
        Direction direction = Direction::out;
        State state = State::done;
        std::uint32_t user = 0;
        std::uint32_t step = 0;
        std::uint32_t generation = 0;  // bumped on each state change: stale timer entries skip
        Micros started = 0;
        std::string sid;
        std::string peer;  // the gateway's full JID for this call (JMI: .../sip)
    };
    struct Timer {
        Micros due;
        std::uint32_t call;
        std::uint32_t generation;
    };

    std::uint32_t new_call(Direction direction, std::size_t user, std::size_t step, Micros now);
    void set_state(std::uint32_t index, State state, Micros now);
    void send_initiate(std::uint32_t index);
    void send_terminate(std::uint32_t index, const char* reason);
    void send_accept(std::uint32_t index, const Element& initiate);
    void finish(std::uint32_t index, bool ok, const std::string& cause, Micros now);
    void answer_iq(const Element& iq);
    void error_iq(const Element& iq, const char* condition);
    void on_result(std::uint32_t index, char kind, const Element& iq, Micros now);
    void on_jingle(const Element& iq, const Element& jingle, Micros now);
    void on_jmi(const Element& message, const Element& payload, Micros now);
    const Call* find_sid(std::string_view sid, std::uint32_t& index) const;
    Tallies& tallies(const Call& call) { return call.direction == Direction::out ? out_ : in_; }

    ComponentServer& server_;
    CallOptions options_;
    std::vector<Call> calls_;
    std::unordered_map<std::string, std::uint32_t> incoming_;  // gateway's sid -> call
    std::deque<Timer> hangups_;   // due in start order: the hold is the same for every call
    std::deque<Timer> timeouts_;  // likewise
    Tallies out_, in_;
    std::size_t step_in_ = 0;
    std::size_t active_out_ = 0, active_in_ = 0;
    std::size_t waiting_[2] = {0, 0};  // by direction
    std::uint64_t unknown_sessions_ = 0;
};

// The cause of a session-terminate from the gateway: "sip-486" when it carries the SIP status,
// else "jingle-<reason condition>".
std::string terminate_cause(const Element& jingle);

}  // namespace gw::load
