#include "gateway/call_state.hpp"

#include <initializer_list>

namespace gw {
namespace {

CallStep go(CallState next, std::initializer_list<CallAction> actions = {}) {
    CallStep result;
    result.handled = true;
    result.next = next;
    for (CallAction action : actions) result.actions[result.action_count++] = action;
    return result;
}

const CallStep ignored{};

CallStep from_idle(CallEvent event, const CallFacts& facts) {
    switch (event) {
    case CallEvent::jmi_propose: return go(CallState::proposed, {CallAction::send_proceed});
    case CallEvent::initiate_complete: return go(CallState::inviting, {CallAction::send_invite});
    case CallEvent::initiate_partial: return go(CallState::gathering, {CallAction::start_candidate_wait});
    case CallEvent::sip_invite:
        return go(CallState::alerting, {CallAction::sip_ring,
                                        facts.jmi ? CallAction::send_propose : CallAction::send_session_initiate,
                                        CallAction::start_ring_timer});
    default: return ignored;
    }
}

CallStep from_proposed(CallEvent event) {
    switch (event) {
    case CallEvent::initiate_complete: return go(CallState::inviting, {CallAction::send_invite});
    case CallEvent::initiate_partial: return go(CallState::gathering, {CallAction::start_candidate_wait});
    case CallEvent::user_hangup:
    case CallEvent::user_gone:
    case CallEvent::ring_timeout: return go(CallState::ended, {CallAction::release});
    default: return ignored;
    }
}

CallStep from_gathering(CallEvent event) {
    switch (event) {
    case CallEvent::candidates_ready: return go(CallState::inviting, {CallAction::send_invite});
    case CallEvent::user_hangup: return go(CallState::ended, {CallAction::release});
    case CallEvent::user_gone:
    case CallEvent::media_failed:
        return go(CallState::ended, {CallAction::send_session_terminate, CallAction::release});
    default: return ignored;
    }
}

// inviting, ringing, early: an outgoing call before the answer.
CallStep outgoing_setup(CallState state, CallEvent event) {
    switch (event) {
    case CallEvent::sip_ringing:
        if (state == CallState::inviting) return go(CallState::ringing, {CallAction::send_ringing_info});
        return go(state);  // further 18x change nothing
    case CallEvent::sip_early_media:
        if (state == CallState::early) return go(state);
        return go(CallState::early, {CallAction::send_session_accept});
    case CallEvent::sip_answered:
        if (state == CallState::early) return go(CallState::active);  // the user has the answer
        return go(CallState::active, {CallAction::send_session_accept});
    case CallEvent::sip_ended:
        return go(CallState::ended, {CallAction::send_session_terminate, CallAction::release});
    case CallEvent::user_hangup: return go(CallState::ending, {CallAction::sip_hang_up});
    case CallEvent::user_gone:
    case CallEvent::media_failed:
        return go(CallState::ending, {CallAction::sip_hang_up, CallAction::send_session_terminate});
    default: return ignored;
    }
}

// alerting, initiating: an incoming call before the user answers.
CallStep incoming_setup(CallState state, CallEvent event, const CallFacts& facts) {
    // While a JMI proposal is pending the user hears a retraction; once a session exists, a
    // session-terminate.
    const CallAction stop_ringing = state == CallState::alerting && facts.jmi
                                        ? CallAction::send_retract
                                        : CallAction::send_session_terminate;
    switch (event) {
    case CallEvent::jmi_proceed:
        if (state != CallState::alerting || !facts.jmi) return ignored;
        return go(CallState::initiating, {CallAction::send_session_initiate});
    case CallEvent::user_accept:
        if (state == CallState::alerting && facts.jmi) return ignored;  // no session yet
        return go(CallState::active, {CallAction::sip_answer});
    case CallEvent::user_reject: return go(CallState::ending, {CallAction::sip_reject});
    case CallEvent::ring_timeout:
    case CallEvent::user_gone:
    case CallEvent::media_failed:
        return go(CallState::ending, {CallAction::sip_reject, stop_ringing});
    case CallEvent::sip_ended: return go(CallState::ended, {stop_ringing, CallAction::release});
    default: return ignored;
    }
}

CallStep from_active(CallEvent event) {
    switch (event) {
    case CallEvent::user_hangup: return go(CallState::ending, {CallAction::sip_hang_up});
    case CallEvent::user_hold: return go(CallState::active, {CallAction::sip_reinvite});
    case CallEvent::sip_answered: return go(CallState::active);  // the 2xx after early media
    case CallEvent::sip_ended:
        return go(CallState::ended, {CallAction::send_session_terminate, CallAction::release});
    case CallEvent::user_gone:
    case CallEvent::media_failed:
        return go(CallState::ending, {CallAction::sip_hang_up, CallAction::send_session_terminate});
    default: return ignored;
    }
}

CallStep from_ending(CallEvent event) {
    switch (event) {
    case CallEvent::sip_ended: return go(CallState::ended, {CallAction::release});
    case CallEvent::user_hangup:
    case CallEvent::user_reject:
    case CallEvent::user_gone:
    case CallEvent::ring_timeout:
        return go(CallState::ending);  // already on its way out
    default: return ignored;
    }
}

}  // namespace

CallStep step(CallState state, CallEvent event, const CallFacts& facts) {
    switch (state) {
    case CallState::idle: return from_idle(event, facts);
    case CallState::proposed: return from_proposed(event);
    case CallState::gathering: return from_gathering(event);
    case CallState::inviting:
    case CallState::ringing:
    case CallState::early: return outgoing_setup(state, event);
    case CallState::alerting:
    case CallState::initiating: return incoming_setup(state, event, facts);
    case CallState::active: return from_active(event);
    case CallState::ending: return from_ending(event);
    case CallState::ended: return ignored;
    }
    return ignored;
}

const char* to_string(CallState state) {
    switch (state) {
    case CallState::idle: return "idle";
    case CallState::proposed: return "proposed";
    case CallState::gathering: return "gathering";
    case CallState::inviting: return "inviting";
    case CallState::ringing: return "ringing";
    case CallState::early: return "early";
    case CallState::alerting: return "alerting";
    case CallState::initiating: return "initiating";
    case CallState::active: return "active";
    case CallState::ending: return "ending";
    case CallState::ended: return "ended";
    }
    return "?";
}

const char* to_string(CallEvent event) {
    switch (event) {
    case CallEvent::jmi_propose: return "jmi-propose";
    case CallEvent::initiate_complete: return "session-initiate";
    case CallEvent::initiate_partial: return "session-initiate (waiting for candidates)";
    case CallEvent::candidates_ready: return "candidates-ready";
    case CallEvent::jmi_proceed: return "jmi-proceed";
    case CallEvent::user_accept: return "session-accept";
    case CallEvent::user_reject: return "user-reject";
    case CallEvent::user_hangup: return "user-hangup";
    case CallEvent::user_hold: return "user-hold";
    case CallEvent::sip_invite: return "sip-invite";
    case CallEvent::sip_ringing: return "sip-ringing";
    case CallEvent::sip_early_media: return "sip-early-media";
    case CallEvent::sip_answered: return "sip-answered";
    case CallEvent::sip_ended: return "sip-ended";
    case CallEvent::ring_timeout: return "ring-timeout";
    case CallEvent::user_gone: return "user-gone";
    case CallEvent::media_failed: return "media-failed";
    }
    return "?";
}

const char* to_string(CallAction action) {
    switch (action) {
    case CallAction::send_proceed: return "send-proceed";
    case CallAction::start_candidate_wait: return "start-candidate-wait";
    case CallAction::send_invite: return "send-invite";
    case CallAction::send_ringing_info: return "send-ringing-info";
    case CallAction::send_session_accept: return "send-session-accept";
    case CallAction::sip_ring: return "sip-ring";
    case CallAction::send_propose: return "send-propose";
    case CallAction::send_session_initiate: return "send-session-initiate";
    case CallAction::start_ring_timer: return "start-ring-timer";
    case CallAction::sip_answer: return "sip-answer";
    case CallAction::sip_reject: return "sip-reject";
    case CallAction::sip_hang_up: return "sip-hang-up";
    case CallAction::sip_reinvite: return "sip-reinvite";
    case CallAction::send_retract: return "send-retract";
    case CallAction::send_session_terminate: return "send-session-terminate";
    case CallAction::release: return "release";
    }
    return "?";
}

}  // namespace gw
