#include "sip/call_legs.hpp"

#include "sip/digest.hpp"
#include "sip/sip_listener.hpp"
#include "sip/sofia.hpp"

#include <spdlog/spdlog.h>

#include <new>
#include <string>
#include <unordered_set>

namespace gw::sip {
namespace {

bool is_sdp(const sip_t* sip) {
    if (sip == nullptr || sip->sip_payload == nullptr || sip->sip_payload->pl_data == nullptr) return false;
    // A body without Content-Type is SDP by RFC 3261's default for INVITE.
    if (sip->sip_content_type == nullptr || sip->sip_content_type->c_type == nullptr) return true;
    return su_casematch(sip->sip_content_type->c_type, "application/sdp");
}

// nua_respond() keeps only the pointer to its phrase and sends the response later, from the
// event loop: phrases must outlive the call. They come from a small fixed set in the gateway's
// code, so each distinct one is kept once, for the life of the process.
const char* lasting_phrase(std::string_view phrase) {
    static std::unordered_set<std::string> phrases;
    return phrases.emplace(phrase).first->c_str();
}

std::string body_text(const sip_t* sip) {
    if (sip == nullptr || sip->sip_payload == nullptr || sip->sip_payload->pl_data == nullptr) return {};
    return std::string(sip->sip_payload->pl_data, sip->sip_payload->pl_len);
}

SipResponse response_of(int status, const char* phrase, const sip_t* sip) {
    SipResponse response;
    response.status = status;
    response.phrase = phrase ? phrase : "";
    if (is_sdp(sip)) response.sdp = body_text(sip);
    if (sip != nullptr) {
        response.reliable = sip->sip_rseq != nullptr;
        response.trickle_ice = sip_has_supported(sip->sip_supported, "trickle-ice") != 0;
    }
    return response;
}

}  // namespace

CallLegs::CallLegs(nua_t* outgoing_nua, SipListener& listener, std::function<void()> wake,
                   ContactAddress outgoing_contact, const ServiceRoutes* service_routes)
    : outgoing_nua_(outgoing_nua), listener_(listener), wake_(std::move(wake)),
      outgoing_contact_(std::move(outgoing_contact)), service_routes_(service_routes) {}

CallLegs::~CallLegs() {
    for (auto& [id, leg] : legs_) {
        nua_handle_bind(leg.handle, nullptr);
        nua_handle_destroy(leg.handle);
    }
}

CallLegs::Leg* CallLegs::find(CallLegId id) {
    auto found = legs_.find(id);
    return found == legs_.end() ? nullptr : &found->second;
}

CallLegId CallLegs::invite(const OutgoingCall& call) {
    const CallLegId id = next_id_++;
    auto context = std::make_unique<HandleContext>();
    context->kind = HandleContext::Kind::call;
    context->call = id;
    context->auth_user = call.auth_user;
    context->password = call.password;
    nua_handle_t* nh = nua_handle(outgoing_nua_, context.get(),
                                  SIPTAG_TO_STR(call.to.c_str()),
                                  SIPTAG_FROM_STR(call.from.c_str()),
                                  TAG_IF(!call.call_id.empty(), SIPTAG_CALL_ID_STR(call.call_id.c_str())),
                                  TAG_END());
    if (nh == nullptr) throw std::bad_alloc();
    // The outbound proxy first, then the registrar's Service-Route (RFC 3608 6.1).
    std::string route = call.proxy.empty() ? "" : "<" + call.proxy + ";lr>";
    if (const std::string* service = service_routes_ ? service_routes_->find(call.from) : nullptr)
        route += (route.empty() ? "" : ", ") + *service;
    const std::string contact = contact_header(outgoing_contact_, call.contact_user, call.proxy.empty() ? call.to : call.proxy);
    nua_invite(nh,
               TAG_IF(!route.empty(), SIPTAG_ROUTE_STR(route.c_str())),
               SIPTAG_CONTACT_STR(contact.c_str()),
               SIPTAG_CONTENT_TYPE_STR("application/sdp"),
               SIPTAG_PAYLOAD_STR(call.sdp.c_str()),
               TAG_END());
    Leg leg;
    leg.handle = nh;
    leg.context = std::move(context);
    leg.outgoing = true;
    legs_.emplace(id, std::move(leg));
    wake_();
    return id;
}

CallLegId CallLegs::adopt(nua_handle_t* nh, std::string_view via, const ContactAddress& address) {
    const CallLegId id = next_id_++;
    auto context = std::make_unique<HandleContext>();
    context->kind = HandleContext::Kind::call;
    context->call = id;
    nua_handle_bind(nh, context.get());
    Leg leg;
    leg.handle = nh;
    leg.context = std::move(context);
    leg.contact = contact_header(address, "", via);
    legs_.emplace(id, std::move(leg));
    return id;
}

void CallLegs::respond(CallLegId id, int status, std::string_view phrase, std::string_view sdp) {
    Leg* leg = find(id);
    if (leg == nullptr || leg->outgoing || leg->final_sent) return;
    const std::string text(phrase);
    const std::string body(sdp);
    if (status >= 200) {
        leg->final_sent = true;
        if (status < 300) leg->established = true;
        else leg->end = CallEnd{status, text, "rejected", false, false};
    }
    nua_respond(leg->handle, status, lasting_phrase(text),
                TAG_IF(status < 300, SIPTAG_CONTACT_STR(leg->contact.c_str())),
                TAG_IF(!body.empty(), SIPTAG_CONTENT_TYPE_STR("application/sdp")),
                TAG_IF(!body.empty(), SIPTAG_PAYLOAD_STR(body.c_str())),
                TAG_END());
    wake_();
}

void CallLegs::hang_up(CallLegId id, int status, std::string_view phrase) {
    Leg* leg = find(id);
    if (leg == nullptr || leg->hanging_up) return;
    leg->hanging_up = true;
    if (leg->established) {
        leg->end = CallEnd{200, "OK", "BYE", false, true};
        nua_bye(leg->handle, TAG_END());
    } else if (leg->outgoing) {
        leg->end = CallEnd{487, "Request Terminated", "CANCEL", false, false};
        nua_cancel(leg->handle, TAG_END());
    } else if (!leg->final_sent) {
        const std::string text(phrase);
        leg->final_sent = true;
        leg->end = CallEnd{status, text, "rejected", false, false};
        nua_respond(leg->handle, status, lasting_phrase(text), TAG_END());
    }
    wake_();
}

void CallLegs::reinvite(CallLegId id, std::string_view sdp) {
    Leg* leg = find(id);
    if (leg == nullptr || !leg->established || leg->hanging_up) return;
    if (leg->reinvite_pending) {
        spdlog::warn("sip: call leg {}: a re-INVITE is already pending; the new offer is dropped", id);
        return;
    }
    leg->reinvite_pending = true;
    leg->context->credentials_sent = false;
    const std::string body(sdp);
    nua_invite(leg->handle, SIPTAG_CONTENT_TYPE_STR("application/sdp"), SIPTAG_PAYLOAD_STR(body.c_str()),
               TAG_END());
    wake_();
}

void CallLegs::info(CallLegId id, std::string_view content_type, std::string_view info_package,
                    std::string_view body) {
    Leg* leg = find(id);
    if (leg == nullptr || leg->hanging_up) return;
    const std::string type(content_type);
    const std::string package = info_package.empty() ? "" : "Info-Package: " + std::string(info_package);
    const std::string text(body);
    nua_info(leg->handle, SIPTAG_CONTENT_TYPE_STR(type.c_str()),
             TAG_IF(!package.empty(), SIPTAG_HEADER_STR(package.c_str())),
             SIPTAG_PAYLOAD_STR(text.c_str()), TAG_END());
    wake_();
}

void CallLegs::on_invite_response(Leg& leg, int status, const char* phrase, nua_handle_t* nh,
                                  const sip_t* sip) {
    const CallLegId id = leg.context->call;
    if (status == 401 || status == 407) {
        if (answer_digest_challenge(nh, *leg.context, sip)) return;
        if (!leg.established) {
            // Sofia keeps a challenged INVITE waiting for credentials (callstate authenticating),
            // so a refused one ends here.
            leg.end = CallEnd{status, phrase ? phrase : "", "rejected", true, false};
            finish(id);
            return;
        }
    }
    if (leg.reinvite_pending) {
        if (status < 200) return;
        leg.reinvite_pending = false;
        listener_.on_reinvite_result(id, response_of(status, phrase, sip));
        return;
    }
    if (leg.established) return;  // a retransmitted 2xx
    if (status < 200) {
        if (status > 100 && !leg.hanging_up) listener_.on_call_progress(id, response_of(status, phrase, sip));
        return;
    }
    if (status < 300) {
        leg.established = true;
        leg.context->credentials_sent = false;
        if (leg.hanging_up) {
            // Answered while our CANCEL was on its way (RFC 3261 9.1): end it with a BYE.
            leg.end = CallEnd{200, "OK", "BYE", false, true};
            nua_bye(nh, TAG_END());
            wake_();
            return;
        }
        listener_.on_call_answered(id, response_of(status, phrase, sip));
        return;
    }
    if (!leg.hanging_up) leg.end = CallEnd{status, phrase ? phrase : "", "rejected", true, false};
}

void CallLegs::on_event(int event, int status, const char* phrase, nua_handle_t* nh, HandleContext* context,
                        const sip_t* sip, int callstate) {
    if (context == nullptr) return;
    Leg* leg = find(context->call);
    if (leg == nullptr) return;
    const CallLegId id = context->call;
    switch (static_cast<nua_event_t>(event)) {
    case nua_r_invite:
        on_invite_response(*leg, status, phrase, nh, sip);
        return;
    case nua_i_invite: {
        // A re-INVITE in the dialog (the initial one is adopted by the user agent).
        if (!leg->established || leg->hanging_up) {
            nua_respond(nh, 491, "Request Pending", TAG_END());
            wake_();
            return;
        }
        const std::string sdp = is_sdp(sip) ? body_text(sip) : std::string();
        ReofferAnswer answer = listener_.on_call_reoffer(id, sdp);
        const std::string warning = answer.warning.empty() ? "" : "399 gateway \"" + answer.warning + "\"";
        nua_respond(nh, answer.status, lasting_phrase(answer.phrase),
                    TAG_IF(answer.status < 300 && !leg->contact.empty(), SIPTAG_CONTACT_STR(leg->contact.c_str())),
                    TAG_IF(!answer.sdp.empty(), SIPTAG_CONTENT_TYPE_STR("application/sdp")),
                    TAG_IF(!answer.sdp.empty(), SIPTAG_PAYLOAD_STR(answer.sdp.c_str())),
                    TAG_IF(!warning.empty(), SIPTAG_WARNING_STR(warning.c_str())),
                    TAG_END());
        wake_();
        return;
    }
    case nua_i_bye:
        leg->end = CallEnd{200, "OK", "BYE", true, true};
        return;
    case nua_i_cancel:
        leg->end = CallEnd{487, "Request Terminated", "CANCEL", true, false};
        return;
    case nua_i_info: {
        const char* type = sip && sip->sip_content_type ? sip->sip_content_type->c_type : "";
        listener_.on_call_info(id, type ? type : "", body_text(sip));
        return;
    }
    case nua_i_state:
        if (callstate == nua_callstate_terminated) finish(id);
        return;
    default:
        spdlog::trace("sip: call leg {}: {} {} {}", id, nua_event_name(static_cast<nua_event_t>(event)),
                      status, phrase ? phrase : "");
        return;
    }
}

void CallLegs::finish(CallLegId id) {
    auto found = legs_.find(id);
    if (found == legs_.end()) return;
    CallEnd end = found->second.end;
    if (end.reason.empty()) end = CallEnd{500, "Call Failed", "failed", true, found->second.established};
    nua_handle_bind(found->second.handle, nullptr);
    nua_handle_destroy(found->second.handle);
    legs_.erase(found);
    wake_();
    listener_.on_call_ended(id, end);
}

}  // namespace gw::sip
