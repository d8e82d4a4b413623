// The call state machine as a table: every (state, event) that applies, its next state and
// actions; everything else changes nothing.
#include "gateway/call_state.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gw;
using A = CallAction;
using E = CallEvent;
using S = CallState;

namespace {

struct Row {
    S state;
    E event;
    bool jmi;
    S next;
    std::vector<A> actions;
};

const std::vector<Row> kTable = {
    // Outgoing: a JMI proposal, a direct session-initiate, candidates, INVITE.
    {S::idle, E::jmi_propose, true, S::proposed, {A::send_proceed}},
    {S::idle, E::initiate_complete, false, S::inviting, {A::send_invite}},
    {S::idle, E::initiate_partial, false, S::gathering, {A::start_candidate_wait}},
    {S::proposed, E::initiate_complete, true, S::inviting, {A::send_invite}},
    {S::proposed, E::initiate_partial, true, S::gathering, {A::start_candidate_wait}},
    {S::proposed, E::user_hangup, true, S::ended, {A::release}},
    {S::proposed, E::user_gone, true, S::ended, {A::release}},
    {S::proposed, E::ring_timeout, true, S::ended, {A::release}},
    {S::gathering, E::candidates_ready, false, S::inviting, {A::send_invite}},
    {S::gathering, E::user_hangup, false, S::ended, {A::release}},
    {S::gathering, E::user_gone, false, S::ended, {A::send_session_terminate, A::release}},
    {S::gathering, E::media_failed, false, S::ended, {A::send_session_terminate, A::release}},
    {S::inviting, E::sip_ringing, false, S::ringing, {A::send_ringing_info}},
    {S::ringing, E::sip_ringing, false, S::ringing, {}},
    {S::inviting, E::sip_early_media, false, S::early, {A::send_session_accept}},
    {S::ringing, E::sip_early_media, false, S::early, {A::send_session_accept}},
    {S::early, E::sip_early_media, false, S::early, {}},
    {S::inviting, E::sip_answered, false, S::active, {A::send_session_accept}},
    {S::ringing, E::sip_answered, false, S::active, {A::send_session_accept}},
    {S::early, E::sip_answered, false, S::active, {}},
    {S::inviting, E::sip_ended, false, S::ended, {A::send_session_terminate, A::release}},
    {S::ringing, E::sip_ended, false, S::ended, {A::send_session_terminate, A::release}},
    {S::early, E::sip_ended, false, S::ended, {A::send_session_terminate, A::release}},
    {S::inviting, E::user_hangup, false, S::ending, {A::sip_hang_up}},
    {S::ringing, E::user_hangup, false, S::ending, {A::sip_hang_up}},
    {S::early, E::user_hangup, false, S::ending, {A::sip_hang_up}},
    {S::early, E::sip_ringing, false, S::early, {}},
    {S::inviting, E::user_gone, false, S::ending, {A::sip_hang_up, A::send_session_terminate}},
    {S::ringing, E::user_gone, false, S::ending, {A::sip_hang_up, A::send_session_terminate}},
    {S::early, E::user_gone, false, S::ending, {A::sip_hang_up, A::send_session_terminate}},
    {S::inviting, E::media_failed, false, S::ending, {A::sip_hang_up, A::send_session_terminate}},
    {S::ringing, E::media_failed, false, S::ending, {A::sip_hang_up, A::send_session_terminate}},
    {S::early, E::media_failed, false, S::ending, {A::sip_hang_up, A::send_session_terminate}},
    // Incoming: ring with JMI or session-initiate, proceed, accept, reject, timeout, cancel.
    {S::idle, E::sip_invite, true, S::alerting, {A::sip_ring, A::send_propose, A::start_ring_timer}},
    {S::idle, E::sip_invite, false, S::alerting, {A::sip_ring, A::send_session_initiate, A::start_ring_timer}},
    {S::alerting, E::jmi_proceed, true, S::initiating, {A::send_session_initiate}},
    {S::alerting, E::user_accept, false, S::active, {A::sip_answer}},
    {S::initiating, E::user_accept, true, S::active, {A::sip_answer}},
    {S::alerting, E::user_reject, true, S::ending, {A::sip_reject}},
    {S::initiating, E::user_reject, true, S::ending, {A::sip_reject}},
    {S::alerting, E::ring_timeout, true, S::ending, {A::sip_reject, A::send_retract}},
    {S::alerting, E::ring_timeout, false, S::ending, {A::sip_reject, A::send_session_terminate}},
    {S::initiating, E::ring_timeout, true, S::ending, {A::sip_reject, A::send_session_terminate}},
    {S::alerting, E::sip_ended, true, S::ended, {A::send_retract, A::release}},
    {S::alerting, E::sip_ended, false, S::ended, {A::send_session_terminate, A::release}},
    {S::initiating, E::sip_ended, true, S::ended, {A::send_session_terminate, A::release}},
    {S::alerting, E::user_gone, false, S::ending, {A::sip_reject, A::send_session_terminate}},
    {S::alerting, E::media_failed, false, S::ending, {A::sip_reject, A::send_session_terminate}},
    // In call and the way out.
    {S::active, E::user_hangup, false, S::ending, {A::sip_hang_up}},
    {S::active, E::user_hold, false, S::active, {A::sip_reinvite}},
    {S::active, E::sip_answered, false, S::active, {}},
    {S::active, E::sip_ended, false, S::ended, {A::send_session_terminate, A::release}},
    {S::active, E::user_gone, false, S::ending, {A::sip_hang_up, A::send_session_terminate}},
    {S::active, E::media_failed, false, S::ending, {A::sip_hang_up, A::send_session_terminate}},
    {S::ending, E::sip_ended, false, S::ended, {A::release}},
    {S::ending, E::user_hangup, false, S::ending, {}},
    {S::ending, E::user_reject, false, S::ending, {}},
    {S::ending, E::user_gone, false, S::ending, {}},
    {S::ending, E::ring_timeout, false, S::ending, {}},
};

const std::vector<S> kStates = {S::idle, S::proposed, S::gathering, S::inviting, S::ringing, S::early,
                                S::alerting, S::initiating, S::active, S::ending, S::ended};
const std::vector<E> kEvents = {E::jmi_propose, E::initiate_complete, E::initiate_partial, E::candidates_ready,
                                E::jmi_proceed, E::user_accept, E::user_reject, E::user_hangup, E::user_hold,
                                E::sip_invite, E::sip_ringing, E::sip_early_media, E::sip_answered, E::sip_ended,
                                E::ring_timeout, E::user_gone, E::media_failed};

std::vector<A> actions_of(const CallStep& s) { return {s.actions.begin(), s.actions.begin() + static_cast<long>(s.action_count)}; }

}  // namespace

TEST_CASE("every row of the table") {
    for (const Row& row : kTable) {
        const std::string state_name = to_string(row.state);
        CAPTURE(state_name);
        const std::string event_name = to_string(row.event);
        CAPTURE(event_name);
        CAPTURE(row.jmi);
        const CallStep s = step(row.state, row.event, CallFacts{row.jmi});
        REQUIRE(s.handled);
        CHECK(std::string(to_string(s.next)) == to_string(row.next));
        CHECK(actions_of(s) == row.actions);
    }
}

// Whether a call rings with JMI only matters while an incoming call is set up (and for the
// INVITE that starts one); elsewhere a row holds for both kinds of calls.
bool flavour_matters(S state, E event) {
    return state == S::alerting || (state == S::idle && event == E::sip_invite);
}

TEST_CASE("everything outside the table changes nothing") {
    // Rows listed for one flavour only where both behave alike.
    const std::vector<Row> both = {
        {S::alerting, E::user_reject, false, S::ending, {A::sip_reject}},
        {S::initiating, E::user_reject, false, S::ending, {A::sip_reject}},
        {S::alerting, E::user_gone, true, S::ending, {A::sip_reject, A::send_retract}},
        {S::alerting, E::media_failed, true, S::ending, {A::sip_reject, A::send_retract}},
        {S::initiating, E::user_gone, true, S::ending, {A::sip_reject, A::send_session_terminate}},
        {S::initiating, E::media_failed, true, S::ending, {A::sip_reject, A::send_session_terminate}},
    };
    for (bool jmi : {false, true})
        for (S state : kStates)
            for (E event : kEvents) {
                const std::string state_name = to_string(state);
                CAPTURE(state_name);
                const std::string event_name = to_string(event);
                CAPTURE(event_name);
                CAPTURE(jmi);
                const Row* row = nullptr;
                for (const auto* table : {&kTable, &both})
                    for (const Row& r : *table)
                        if (r.state == state && r.event == event && (r.jmi == jmi || !flavour_matters(state, event)))
                            row = &r;
                const CallStep s = step(state, event, CallFacts{jmi});
                if (row == nullptr) {
                    CHECK_FALSE(s.handled);
                    continue;
                }
                REQUIRE(s.handled);
                CHECK(std::string(to_string(s.next)) == to_string(row->next));
                CHECK(actions_of(s) == row->actions);
            }
}

TEST_CASE("a JMI call cannot be accepted before a client proceeded, nor a direct one proceeded") {
    CHECK_FALSE(step(S::alerting, E::user_accept, CallFacts{true}).handled);
    CHECK_FALSE(step(S::alerting, E::jmi_proceed, CallFacts{false}).handled);
    CHECK_FALSE(step(S::initiating, E::jmi_proceed, CallFacts{true}).handled);
}

TEST_CASE("every call that ends reaches release exactly once") {
    // Walk the typical lives of calls; each ends with one release.
    const std::vector<std::vector<E>> lives = {
        {E::initiate_complete, E::sip_ringing, E::sip_answered, E::user_hangup, E::sip_ended},
        {E::initiate_partial, E::candidates_ready, E::sip_ended},
        {E::jmi_propose, E::user_hangup},
        {E::sip_invite, E::user_accept, E::sip_ended},
        {E::sip_invite, E::ring_timeout, E::sip_ended},
        {E::initiate_complete, E::sip_answered, E::user_gone, E::sip_ended},
    };
    for (const auto& life : lives) {
        S state = S::idle;
        int releases = 0;
        for (E event : life) {
            const CallStep s = step(state, event, CallFacts{event == E::jmi_propose});
            REQUIRE(s.handled);
            for (A a : actions_of(s)) releases += a == A::release;
            state = s.next;
        }
        CHECK(state == S::ended);
        CHECK(releases == 1);
    }
}
