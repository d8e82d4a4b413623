// Calls between the gateway's XMPP users and SIP: the session map (Jingle sid <-> SIP leg), the
// pure state machine of gateway/call_state.hpp driven by Jingle IQs, JMI messages and the SIP
// layer's events, and the limits and logs of calls. See docs/calls.md.
#pragma once

#include "gateway/call.hpp"
#include "gateway/call_limits.hpp"
#include "gateway/call_state.hpp"
#include "gateway/call_stanzas.hpp"
#include "gateway/client_caps.hpp"
#include "gateway/deadline_queue.hpp"
#include "gateway/iq_router.hpp"
#include "gateway/metrics.hpp"
#include "gateway/outbox.hpp"
#include "gateway/sip_calls.hpp"
#include "gateway/store/account.hpp"
#include "sip/sip_listener.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

struct event_base;

namespace gw {

class AccountsService;
namespace store {
class AccountStore;
}  // namespace store

struct CallOptions {
    std::string component_jid;
    std::string sip_host = "127.0.0.1";  // the address in the o= lines the gateway writes
    double candidate_wait_s = 0.5;       // trickled ICE candidates wanted before the INVITE
    double ring_timeout_s = 60;          // an incoming call nobody answers ends with 480
    bool early_media_accept = false;     // a 183 with SDP: session-accept at once (else ringing)
    std::string default_proxy;           // host[:port] for accounts that name no proxy
    CallLimitsOptions limits;
};

// What an event brings along for the actions it causes.
struct CallEventData {
    Reason reason;                 // for session-terminate, retract, SIP rejections
    std::string sdp;               // sip_answer: the answer; sip_reinvite: the new offer
    const media::JingleSession* jingle = nullptr;  // send_session_accept: the translated answer
};

class CallService {
public:
    CallService(CallOptions options, SipCalls& sip, Outbox& outbox, AccountsService& accounts,
                store::AccountStore& store, event_base* base, Metrics& metrics);
    CallService(const CallService&) = delete;
    CallService& operator=(const CallService&) = delete;

    void add_routes(IqRouter& router);
    void on_message(const xmpp::Stanza& message);
    // Presence from a user to the gateway (after AccountsService saw it).
    void on_user_presence(const xmpp::Stanza& presence);
    // A result or error answering one of our IQs; false when it was not ours.
    bool on_iq_response(const xmpp::Stanza& iq);
    // Ends every call on both sides (shutdown, or the link stayed down).
    void end_all(const std::string& why);

    // From the SIP layer.
    void on_incoming_call(sip::CallLegId leg, const sip::InviteRequest& invite);
    void on_call_progress(sip::CallLegId leg, const sip::SipResponse& response);
    void on_call_answered(sip::CallLegId leg, const sip::SipResponse& response);
    sip::ReofferAnswer on_call_reoffer(sip::CallLegId leg, std::string_view sdp);
    void on_reinvite_result(sip::CallLegId leg, const sip::SipResponse& response);
    void on_call_info(sip::CallLegId leg, std::string_view content_type, std::string_view body);
    void on_call_ended(sip::CallLegId leg, const sip::CallEnd& end);

    std::size_t size() const { return calls_.size(); }

private:
    using EventData = CallEventData;

    void handle_jingle(const xmpp::Stanza& iq, const xmpp::Stanza& jingle, IqReply& reply);
    void outgoing_initiate(const xmpp::Stanza& iq, const media::JingleSession& offer, IqReply& reply);
    void jingle_in_call(Call& call, const xmpp::Stanza& iq, const xmpp::Stanza& jingle,
                        const std::string& action, IqReply& reply);
    void user_accept(Call& call, const xmpp::Stanza& jingle, IqReply& reply);
    void finish_accept(Call& call);
    void session_info(Call& call, const xmpp::Stanza& jingle, IqReply& reply);
    void transport_info(Call& call, const xmpp::Stanza& jingle, IqReply& reply);
    void jmi_propose(const xmpp::Stanza& message, const xmpp::Stanza& propose);
    void jmi_from_user(const xmpp::Stanza& message, const xmpp::Stanza& element);

    Call& create(bool outgoing, const std::string& user, const std::string& sid);
    Call* find_by_sid(const std::string& user, std::string_view sid);
    Call* find_by_leg(sip::CallLegId leg);
    // Applies the state machine; false when the event does not apply in the call's state.
    bool dispatch(Call& call, CallEvent event, const EventData& data = CallEventData{});
    void execute(Call& call, CallAction action, CallEvent event, const EventData& data);
    void send_invite(Call& call);
    void send_session_initiate(Call& call);
    void release(Call& call);
    void log_summary(const Call& call) const;

    const store::SipAccount* account_of(const std::string& user, std::optional<store::SipAccount>& holder);
    std::string next_iq_id();
    std::string new_sid();
    double now() const;
    void on_deadline(std::uint64_t serial, std::uint64_t generation);
    void send(const xmpp::Stanza& stanza) { outbox_.send(stanza); }

    CallOptions options_;
    SipCalls& sip_;
    Outbox& outbox_;
    AccountsService& accounts_;
    store::AccountStore& store_;
    Metrics& metrics_;
    CallLimits limits_;
    CapsCache caps_;
    DeadlineQueue deadlines_;
    std::mt19937_64 rng_;
    std::uint64_t next_serial_ = 1;
    std::uint64_t next_iq_ = 1;
    std::unordered_map<std::uint64_t, Call> calls_;
    std::unordered_map<std::string, std::uint64_t> by_sid_;   // user + "\n" + sid
    std::unordered_map<sip::CallLegId, std::uint64_t> by_leg_;
    std::unordered_map<std::string, std::uint64_t> iq_calls_;  // our IQ id -> call it belongs to
    std::unordered_map<std::string, std::string> disco_queries_;  // our IQ id -> caps string
    std::unordered_map<std::string, std::vector<std::uint64_t>> by_user_;  // bare JID -> calls
    std::deque<std::pair<std::uint64_t, CallEvent>> followups_;  // raised by actions
    bool dispatching_ = false;
};

}  // namespace gw
