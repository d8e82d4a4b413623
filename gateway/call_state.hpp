// The bridge-level state of one call as a pure function: step(state, event, facts) gives the
// next state and the actions to take, as data the call service executes. Sofia keeps the SIP
// dialog state; this keeps only what pairs it with the Jingle session (see docs/calls.md).
#pragma once

#include <array>
#include <cstddef>

namespace gw {

enum class CallState {
    idle,        // no call yet
    proposed,    // out: a JMI proposal was answered with <proceed/>; waiting for session-initiate
    gathering,   // out: session-initiate acknowledged; waiting for trickled candidates
    inviting,    // out: INVITE sent
    ringing,     // out: the callee rings (18x)
    early,       // out: early media accepted (session-accept sent on a 183 with SDP)
    alerting,    // in: the user's clients ring (180 sent; a proposal or a session-initiate)
    initiating,  // in: session-initiate sent to the client that proceeded with the proposal
    active,      // answered on both sides
    ending,      // the gateway ended one side and waits for the SIP leg to finish
    ended,       // gone: the record is released
};

enum class CallEvent {
    // From the XMPP user.
    jmi_propose,         // out: <propose/> for a new call
    initiate_complete,   // out: session-initiate whose candidates suffice (or after the wait)
    initiate_partial,    // out: session-initiate with ICE contents still waiting for candidates
    candidates_ready,    // out: the candidate wait is over
    jmi_proceed,         // in: a client proceeds with the proposal
    user_accept,         // in: session-accept
    user_reject,         // in: <reject/> or session-terminate before answering
    user_hangup,         // session-terminate, or <retract/> of an outgoing proposal
    user_hold,           // session-info hold / unhold while active
    // From SIP.
    sip_invite,          // in: a new INVITE for the user
    sip_ringing,         // out: 180/183 (without early media)
    sip_early_media,     // out: 183 with an answer, under the "accept" early media policy
    sip_answered,        // out: 2xx to the INVITE
    sip_ended,           // the SIP leg is gone (failure, BYE, CANCEL, our own hang-up)
    // From the gateway.
    ring_timeout,        // in: nobody answered in time
    user_gone,           // the user's resource left, the link stayed down, or shutdown
    media_failed,        // an SDP or Jingle description could not be translated
};

// What the step function needs to know beyond the state.
struct CallFacts {
    bool jmi = false;  // the call rings (or was proposed) through XEP-0353
};

enum class CallAction {
    send_proceed,            // out JMI: <ringing/> and <proceed/> to the proposing client
    start_candidate_wait,
    send_invite,
    send_ringing_info,       // Jingle session-info <ringing/> to the user
    send_session_accept,     // the SIP answer to the user
    sip_ring,                // in: 180 Ringing
    send_propose,            // in: JMI <propose/> to the user's bare JID
    send_session_initiate,   // in: the SIP offer as session-initiate
    start_ring_timer,
    sip_answer,              // in: 200 OK with the user's answer
    sip_reject,              // in: final failure (code from the user's reason or the timeout)
    sip_hang_up,             // CANCEL before answer, BYE after
    sip_reinvite,            // hold / resume from the user
    send_retract,            // in: JMI <retract/> (the proposal was not proceeded with)
    send_session_terminate,  // to the user, with the reason of the event
    release,                 // forget the call
};

struct CallStep {
    bool handled = false;  // false: the event does not apply in this state (nothing changes)
    CallState next = CallState::idle;
    std::array<CallAction, 4> actions{};
    std::size_t action_count = 0;
};

CallStep step(CallState state, CallEvent event, const CallFacts& facts);

const char* to_string(CallState state);
const char* to_string(CallEvent event);
const char* to_string(CallAction action);

}  // namespace gw
