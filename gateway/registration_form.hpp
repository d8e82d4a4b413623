// The XEP-0100 registration of a user's SIP account (jabber:iq:register), as values: what the
// form asks for, and the checked account a submitted form gives. The XML layer renders the form
// as XEP-0077 legacy fields and a XEP-0004 data form, and collects the submitted values.
// Pure functions: no I/O, no logging; the password never appears in a message or the form.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw {

// The vars of the form's fields (also the XEP-0077 element names of username and password).
namespace registration_field {
inline constexpr std::string_view username = "username";
inline constexpr std::string_view password = "password";
inline constexpr std::string_view auth_username = "auth_username";
inline constexpr std::string_view proxy = "proxy";
inline constexpr std::string_view transport = "transport";
}  // namespace registration_field

struct SipAccountInput {
    std::string sip_user;       // RFC 3261 user part: "alice", "+4930123456"
    std::string sip_domain;     // lower case; an IPv6 address in brackets: "[2001:db8::1]"
    std::string password;       // never logged or shown
    std::string auth_username;  // empty: same as sip_user
    std::string proxy;          // "host[:port]", lower case, IPv6 in brackets; empty: the domain
    std::string transport;      // "udp", "tcp", "tls"; empty: the default
    bool operator==(const SipAccountInput&) const = default;
};

// The XMPP error condition of a refused form (RFC 6120 section 8.3.3).
enum class FormCondition {
    bad_request,     // a required field is missing, or the form is malformed
    not_acceptable,  // a value is not valid
};
const char* form_condition_name(FormCondition condition);  // "bad-request", "not-acceptable"

struct FormProblem {
    std::string field;  // "username"
    std::string text;   // "\"bob@\" has no SIP domain"
    FormCondition condition = FormCondition::not_acceptable;
    std::string message() const;  // "username: \"bob@\" has no SIP domain"
};

struct RegistrationResult {
    std::optional<SipAccountInput> account;  // set exactly when problems is empty
    std::vector<FormProblem> problems;       // in the order of the form's fields
    FormCondition condition() const;         // bad_request if any problem is one
    std::string error_text() const;          // every problem's message, joined with "; "
};

// Field var -> the values given for it (a field given twice has two values). Unknown fields
// (FORM_TYPE, legacy <email/> ...) are ignored.
using FormValues = std::map<std::string, std::vector<std::string>, std::less<>>;

// Checks a submitted form. default_domain (config; may be empty) completes a username given
// without domain.
RegistrationResult read_registration(const FormValues& values, std::string_view default_domain);

enum class FormFieldType { text_single, text_private, list_single };
const char* form_field_type_name(FormFieldType type);  // "text-single", ...

struct FormOption {
    std::string label;
    std::string value;
};

struct FormField {
    std::string var;
    FormFieldType type = FormFieldType::text_single;
    std::string label;
    bool required = false;
    bool legacy = false;  // also a XEP-0077 element (<username/>, <password/>)
    std::string value;    // the current value; never the password
    std::vector<FormOption> options;
};

struct RegistrationForm {
    std::string title;
    std::string instructions;
    std::vector<FormField> fields;  // in display order
};

// The form for an IQ get; `registered` (if any) fills in current values, except the password.
RegistrationForm registration_form(std::string_view default_domain,
                                   const std::optional<SipAccountInput>& registered);

}  // namespace gw
