// XMPP stanza errors (RFC 6120 section 8.3) as the gateway sends them.
#pragma once

#include "xmpp/stanza.hpp"

#include <string_view>

namespace gw {

enum class StanzaError {
    bad_request,
    feature_not_implemented,
    forbidden,
    internal_server_error,
    item_not_found,
    jid_malformed,
    not_acceptable,
    not_allowed,
    not_authorized,
    recipient_unavailable,
    registration_required,
    remote_server_timeout,
    resource_constraint,
    service_unavailable,
    undefined_condition,
    unexpected_request,
};

const char* condition_name(StanzaError condition);  // "bad-request"
const char* error_type(StanzaError condition);      // "modify", "cancel", "wait", "auth"

// An error reply to `stanza` (IQ, message or presence): to/from swapped, same id, type='error',
// with <error type=...><condition/><text/></error>.
xmpp::Stanza make_error_reply(const xmpp::Stanza& stanza, StanzaError condition,
                              std::string_view text = {});

}  // namespace gw
