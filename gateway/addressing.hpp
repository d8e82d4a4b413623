// Addresses of the gateway's contacts. The localpart of a JID on the component names whom to call:
//   bob%example.com      <-> sip:bob@example.com              (the convention of earlier gateways)
//   bob\40example.com     -> sip:bob@example.com              (XEP-0106, accepted on input)
//   +15551234567         <-> sip:+15551234567@<the user's SIP domain>;user=phone
// Canonical localparts are built as xep0106_escape(user "%" host[":" port]) with the SIP user kept
// in its URI form (RFC 3261 %XX escapes as written), so sip -> localpart -> sip gives the URI
// back (without its parameters; a number of the user's own domain comes back with user=phone)
// and every localpart maps to a canonical one that maps to itself. Hosts are lower-cased (they
// are case-insensitive). Note: XMPP servers case-fold localparts (RFC 7622 UsernameCaseMapped),
// so SIP users that differ only in letter case reach the gateway as one contact.
// Pure functions: no I/O, no logging; errors are sentences for the user.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw {

// Texts for the jabber:iq:gateway prompt (XEP-0100) that feeds localpart_from_user_input().
inline constexpr std::string_view gateway_prompt_description =
    "Enter the SIP address (user@domain) or the phone number of the contact.";
inline constexpr std::string_view gateway_prompt_label = "SIP address or phone number";

struct SipTarget {
    std::string user;        // URI form: "bob", "+15551234567", "a%20b"
    std::string host;        // lower case; an IPv6 address without brackets
    std::uint16_t port = 0;  // 0: none
    bool phone = false;      // a number dialled in the user's domain: ";user=phone"

    // "sip:bob@example.com", "sip:bob@[2001:db8::1]:5070", "sip:+1555@example.com;user=phone"
    std::string uri() const;
    bool operator==(const SipTarget&) const = default;
};

struct AddressResult {
    std::optional<SipTarget> target;
    std::string error;  // set when there is no target
};

struct LocalpartResult {
    std::optional<std::string> localpart;  // XEP-0106 escaped, ready for localpart@component
    std::string error;                     // set when there is no localpart
};

// The localpart of a JID on the gateway (as it appears in the stanza) -> the SIP target.
// default_domain is the calling user's SIP domain ("example.com", "[2001:db8::1]"): numbers are
// dialled there.
AddressResult sip_target_from_localpart(std::string_view localpart,
                                        std::string_view default_domain);

// A sip:, sips: or tel: URI (From/To of an incoming request) -> the localpart of the contact JID.
// URI parameters, headers and a password are not part of the contact and are dropped; sips:
// shows like sip:. tel: numbers and numeric users of own_domain show as the bare number.
LocalpartResult localpart_from_sip_uri(std::string_view uri, std::string_view own_domain);

// What a user typed into the jabber:iq:gateway prompt: "bob@example.com", "sip:bob@example.com",
// "+1 (555) 123-4567", "tel:+15551234567" -> the localpart (the caller appends "@component").
LocalpartResult localpart_from_user_input(std::string_view input, std::string_view own_domain);

// XEP-0106: the ten characters a localpart cannot hold become \20 \22 \26 \27 \2f \3a \3c \3e \40,
// and a backslash becomes \5c only where it would otherwise read as one of these escapes.
// xep0106_unescape(xep0106_escape(s)) == s for every s.
std::string xep0106_escape(std::string_view text);
std::string xep0106_unescape(std::string_view localpart);

// Building blocks shared with the registration form.

struct SipHostPort {
    std::string host;        // lower case; an IPv6 address without brackets
    std::uint16_t port = 0;  // 0: none given
    bool operator==(const SipHostPort&) const = default;
};

struct SipHostPortResult {
    std::optional<SipHostPort> value;
    std::string error;  // "the host name \"exa_mple.com\" is not valid (...)"
};

// "example.com", "192.0.2.1:5060", "[2001:db8::1]:5061" (RFC 3261 hostport). Host names are
// letters, digits and hyphens in dot-separated labels, the last one starting with a letter.
SipHostPortResult parse_sip_hostport(std::string_view text);

// The host as written in a URI: IPv6 addresses in brackets.
std::string sip_host_text(std::string_view host);

// Empty when `user` is a valid RFC 3261 user part (unreserved and user-unreserved characters,
// %XX escapes; escaped control characters are refused too), else why not.
std::string sip_user_problem(std::string_view user);

// A value quoted for an error message: control bytes shown as \xNN, long values shortened.
std::string quoted_for_message(std::string_view text);

}  // namespace gw
