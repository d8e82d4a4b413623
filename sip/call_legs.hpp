// The call legs the user agent keeps: one Sofia handle per call, digest challenges to our
// INVITEs answered with the user's credentials, dialog events turned into SipListener calls,
// and every handle destroyed when its call ends.
#pragma once

#include "sip/call_leg.hpp"
#include "sip/contact.hpp"
#include "sip/handle_context.hpp"
#include "sip/service_routes.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct nua_s;
struct nua_handle_s;
struct sip_s;

namespace gw::sip {

class SipListener;

class CallLegs {
public:
    // New outgoing INVITEs go out through `outgoing_nua` (the agent's only user agent, or the one
    // kept free of registrations: see UserAgent), with a Contact at `outgoing_contact`.
    // `service_routes` (nullptr: none) are put after the proxy in the INVITE's route set.
    CallLegs(nua_s* outgoing_nua, SipListener& listener, std::function<void()> wake,
             ContactAddress outgoing_contact, const ServiceRoutes* service_routes = nullptr);
    ~CallLegs();
    CallLegs(const CallLegs&) = delete;
    CallLegs& operator=(const CallLegs&) = delete;

    CallLegId invite(const OutgoingCall& call);
    // An incoming INVITE on a handle Sofia created: binds it to a new leg.
    // `via` is the received request's Via protocol ("SIP/2.0/TCP"): our answers' Contact matches it;
    // `address` is where the user agent that received it listens.
    CallLegId adopt(nua_handle_s* nh, std::string_view via, const ContactAddress& address);

    // Answers to an incoming call.
    void respond(CallLegId id, int status, std::string_view phrase, std::string_view sdp = {});
    // Ends the call the way its state requires: CANCEL an unanswered outgoing INVITE, a final
    // response (`status`) to an unanswered incoming one, BYE once established.
    void hang_up(CallLegId id, int status = 480, std::string_view phrase = "Temporarily Unavailable");
    void reinvite(CallLegId id, std::string_view sdp);
    void info(CallLegId id, std::string_view content_type, std::string_view info_package,
              std::string_view body);

    bool contains(CallLegId id) const { return legs_.count(id) != 0; }
    std::size_t size() const { return legs_.size(); }

    // Events of handles bound to a call context, and of handles for new incoming INVITEs.
    void on_event(int event, int status, const char* phrase, nua_handle_s* nh, HandleContext* context,
                  const sip_s* sip, int callstate);

private:
    struct Leg {
        nua_handle_s* handle = nullptr;
        std::unique_ptr<HandleContext> context;
        bool outgoing = false;
        std::string contact;       // the Contact of our answers (incoming legs)
        bool established = false;  // 2xx sent or received
        bool final_sent = false;   // incoming: a final response was given
        bool hanging_up = false;
        bool reinvite_pending = false;  // our own re-INVITE awaits its answer
        CallEnd end;
    };
    Leg* find(CallLegId id);
    void finish(CallLegId id);
    bool answer_challenge(nua_handle_s* nh, HandleContext& context, const sip_s* sip);
    void on_invite_response(Leg& leg, int status, const char* phrase, nua_handle_s* nh, const sip_s* sip);

    nua_s* outgoing_nua_;
    SipListener& listener_;
    std::function<void()> wake_;
    ContactAddress outgoing_contact_;
    const ServiceRoutes* service_routes_;
    CallLegId next_id_ = 1;
    std::unordered_map<CallLegId, Leg> legs_;
};

}  // namespace gw::sip
