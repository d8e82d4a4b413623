#include "gateway/registration_form_xml.hpp"

namespace gw {
namespace {
constexpr const char* kDataForms = "jabber:x:data";
constexpr const char* kRegister = "jabber:iq:register";
}  // namespace

void render_registration_form(xmpp::Stanza& query, const RegistrationForm& form, bool registered) {
    query.add_element("instructions").add_text(form.instructions);
    if (registered) query.add_element("registered");
    for (const FormField& field : form.fields) {
        if (!field.legacy) continue;
        xmpp::Stanza legacy = query.add_element(field.var.c_str());
        if (!field.value.empty()) legacy.add_text(field.value);
    }
    xmpp::Stanza x = query.add_element("x", kDataForms);
    x.set_attr("type", "form");
    x.add_element("title").add_text(form.title);
    x.add_element("instructions").add_text(form.instructions);
    xmpp::Stanza form_type = x.add_element("field");
    form_type.set_attr("type", "hidden").set_attr("var", "FORM_TYPE");
    form_type.add_element("value").add_text(kRegister);
    for (const FormField& field : form.fields) {
        xmpp::Stanza element = x.add_element("field");
        element.set_attr("type", form_field_type_name(field.type));
        element.set_attr("var", field.var);
        element.set_attr("label", field.label);
        if (field.required) element.add_element("required");
        if (!field.value.empty()) element.add_element("value").add_text(field.value);
        for (const FormOption& option : field.options) {
            xmpp::Stanza element_option = element.add_element("option");
            element_option.set_attr("label", option.label);
            element_option.add_element("value").add_text(option.value);
        }
    }
}

SubmittedForm read_submitted_form(const xmpp::Stanza& query) {
    SubmittedForm submitted;
    if (auto x = query.child("x", kDataForms)) {
        if (x->attr("type") != "submit") {
            submitted.error = "the data form must be of type submit";
            return submitted;
        }
        for (const xmpp::Stanza& field : x->children()) {
            if (field.name() != "field") continue;
            const std::string var(field.attr("var"));
            if (var.empty()) {
                submitted.error = "a field of the data form has no var";
                return submitted;
            }
            auto& values = submitted.values[var];
            for (const xmpp::Stanza& value : field.children())
                if (value.name() == "value") values.push_back(value.text());
        }
        return submitted;
    }
    for (const xmpp::Stanza& child : query.children())
        submitted.values[std::string(child.name())].push_back(child.text());
    return submitted;
}

}  // namespace gw
