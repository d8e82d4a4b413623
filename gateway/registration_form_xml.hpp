// jabber:iq:register on the wire: the form as XEP-0077 legacy fields plus a XEP-0004 data form,
// and the values of a submitted query (data form if present, else the legacy fields).
#pragma once

#include "gateway/registration_form.hpp"
#include "xmpp/stanza.hpp"

namespace gw {

// Appends <instructions/>, <registered/> when `registered`, the legacy fields and the data form.
void render_registration_form(xmpp::Stanza& query, const RegistrationForm& form, bool registered);

struct SubmittedForm {
    FormValues values;
    std::string error;  // set when the query is malformed (e.g. a data form of the wrong type)
};
SubmittedForm read_submitted_form(const xmpp::Stanza& query);

}  // namespace gw
