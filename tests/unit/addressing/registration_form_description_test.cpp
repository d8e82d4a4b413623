// The registration form as the XML layer renders it for an IQ get: fields, types, labels,
// current values, and the agreement between what the form shows and what reading it accepts.
#include "gateway/registration_form.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

namespace {

const gw::SipAccountInput registered{"bob", "example.com", "Pa55-unique-w0rd", "bob-auth",
                                     "proxy.example.com:5070", "tcp"};

}  // namespace

TEST_CASE("the form lists its fields in order with types, labels and required flags") {
    const auto form = gw::registration_form("", std::nullopt);
    CHECK(form.title == "SIP account");
    REQUIRE(form.fields.size() == 5);
    struct Expected {
        std::string_view var;
        std::string_view type;
        bool required;
        bool legacy;
    };
    const Expected expected[] = {
        {"username", "text-single", true, true},
        {"password", "text-private", true, true},
        {"auth_username", "text-single", false, false},
        {"proxy", "text-single", false, false},
        {"transport", "list-single", false, false},
    };
    for (std::size_t i = 0; i < form.fields.size(); ++i) {
        const auto& field = form.fields[i];
        CAPTURE(field.var);
        CHECK(field.var == expected[i].var);
        CHECK(gw::form_field_type_name(field.type) == expected[i].type);
        CHECK(field.required == expected[i].required);
        CHECK(field.legacy == expected[i].legacy);
        CHECK_FALSE(field.label.empty());
        CHECK(field.value.empty());
        CHECK(field.options.empty() == (field.type != gw::FormFieldType::list_single));
    }
    CHECK(form.fields[0].label == "SIP address (user@domain)");
    CHECK(form.fields[1].label == "Password");
    const auto& transport = form.fields[4];
    REQUIRE(transport.options.size() == 3);
    CHECK(transport.options[0].value == "udp");
    CHECK(transport.options[0].label == "UDP");
    CHECK(transport.options[1].value == "tcp");
    CHECK(transport.options[2].value == "tls");
}

TEST_CASE("the instructions tell where a bare user name goes") {
    const auto without = gw::registration_form("", std::nullopt);
    CHECK(without.instructions.find("address (user@domain) and password") != std::string::npos);
    CHECK(without.instructions.find("without domain") == std::string::npos);
    const auto with = gw::registration_form("example.net", std::nullopt);
    CHECK(with.instructions.find("A user name without domain is taken to be at example.net.") !=
          std::string::npos);
}

TEST_CASE("a registered account fills in its values, never the password") {
    const auto form = gw::registration_form("example.net", registered);
    REQUIRE(form.fields.size() == 5);
    CHECK(form.fields[0].value == "bob@example.com");
    CHECK(form.fields[1].value.empty());
    CHECK(form.fields[2].value == "bob-auth");
    CHECK(form.fields[3].value == "proxy.example.com:5070");
    CHECK(form.fields[4].value == "tcp");
    for (const auto& field : form.fields) {
        CHECK(field.value.find(registered.password) == std::string::npos);
        CHECK(field.label.find(registered.password) == std::string::npos);
    }
    CHECK(form.instructions.find(registered.password) == std::string::npos);
}

TEST_CASE("a form submitted as shown, with the password typed in, gives the account back") {
    for (const auto& account : {registered,
                                gw::SipAccountInput{"+4930123", "[2001:db8::1]", "pw", "", "", ""},
                                gw::SipAccountInput{"o'neil", "sip.example.org", "pw", "", "[::1]:5060", "tls"}}) {
        CAPTURE(account.sip_user);
        const auto form = gw::registration_form("", account);
        gw::FormValues submitted;
        for (const auto& field : form.fields) submitted[field.var] = {field.value};
        submitted["password"] = {account.password};
        const auto result = gw::read_registration(submitted, "");
        REQUIRE_MESSAGE(result.account, result.error_text());
        CHECK(*result.account == account);
    }
}

TEST_CASE("the field types have their XEP-0004 names") {
    CHECK(std::string_view(gw::form_field_type_name(gw::FormFieldType::text_single)) == "text-single");
    CHECK(std::string_view(gw::form_field_type_name(gw::FormFieldType::text_private)) == "text-private");
    CHECK(std::string_view(gw::form_field_type_name(gw::FormFieldType::list_single)) == "list-single");
}
