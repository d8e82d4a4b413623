#include "gateway/stanza_errors.hpp"

namespace gw {
namespace {
constexpr const char* kStanzasNs = "urn:ietf:params:xml:ns:xmpp-stanzas";
}

const char* condition_name(StanzaError condition) {
    switch (condition) {
    case StanzaError::bad_request: return "bad-request";
    case StanzaError::feature_not_implemented: return "feature-not-implemented";
    case StanzaError::forbidden: return "forbidden";
    case StanzaError::internal_server_error: return "internal-server-error";
    case StanzaError::item_not_found: return "item-not-found";
    case StanzaError::jid_malformed: return "jid-malformed";
    case StanzaError::not_acceptable: return "not-acceptable";
    case StanzaError::not_allowed: return "not-allowed";
    case StanzaError::not_authorized: return "not-authorized";
    case StanzaError::recipient_unavailable: return "recipient-unavailable";
    case StanzaError::registration_required: return "registration-required";
    case StanzaError::remote_server_timeout: return "remote-server-timeout";
    case StanzaError::resource_constraint: return "resource-constraint";
    case StanzaError::service_unavailable: return "service-unavailable";
    case StanzaError::undefined_condition: return "undefined-condition";
    case StanzaError::unexpected_request: return "unexpected-request";
    }
    return "undefined-condition";
}

const char* error_type(StanzaError condition) {
    // The types RFC 6120 section 8.3.3 gives for each condition.
    switch (condition) {
    case StanzaError::bad_request:
    case StanzaError::jid_malformed:
    case StanzaError::not_acceptable:
        return "modify";
    case StanzaError::forbidden:
    case StanzaError::not_authorized:
    case StanzaError::registration_required:
        return "auth";
    case StanzaError::internal_server_error:
    case StanzaError::recipient_unavailable:
    case StanzaError::remote_server_timeout:
    case StanzaError::resource_constraint:
    case StanzaError::unexpected_request:
        return "wait";
    case StanzaError::feature_not_implemented:
    case StanzaError::item_not_found:
    case StanzaError::not_allowed:
    case StanzaError::service_unavailable:
    case StanzaError::undefined_condition:
        return "cancel";
    }
    return "cancel";
}

xmpp::Stanza make_error_reply(const xmpp::Stanza& stanza, StanzaError condition,
                              std::string_view text) {
    xmpp::Stanza reply = stanza.reply();
    reply.set_attr("type", "error");
    xmpp::Stanza error = reply.add_element("error");
    error.set_attr("type", error_type(condition));
    error.add_element(condition_name(condition), kStanzasNs);
    if (!text.empty()) error.add_element("text", kStanzasNs).add_text(text);
    return reply;
}

}  // namespace gw
