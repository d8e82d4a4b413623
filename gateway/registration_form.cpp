#include "gateway/registration_form.hpp"

#include "gateway/ascii_text.hpp"

#include "gateway/addressing.hpp"

#include <cstddef>
#include <utility>

namespace gw {
namespace {

constexpr std::size_t max_name_bytes = 255;
constexpr std::size_t max_password_bytes = 1024;

using ascii::lower;
using ascii::starts_with_ci;
using ascii::trimmed_spaces;

// Characters that would break a SIP header or an XML attribute wherever the value ends up.
bool has_forbidden_character(std::string_view text) {
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>') return true;
    return false;
}

std::string too_long(std::string_view what, std::size_t limit) {
    return std::string(what) + " is longer than " + std::to_string(limit) + " bytes";
}

class FormReader {
public:
    explicit FormReader(const FormValues& values) : values_(values) {}

    // The field's single value ("" when absent), or nothing after recording why it is unusable.
    // Values are never quoted here: this also reads the password.
    std::optional<std::string_view> single(std::string_view field) {
        const auto found = values_.find(field);
        if (found == values_.end() || found->second.empty()) return std::string_view();
        if (found->second.size() > 1) {
            refuse(field, "given more than once", FormCondition::bad_request);
            return std::nullopt;
        }
        const std::string_view value = found->second.front();
        if (has_forbidden_character(value)) {
            refuse(field,
                   "contains a character that is not allowed (control characters, \", < or >)");
            return std::nullopt;
        }
        return value;
    }

    void refuse(std::string_view field, std::string text,
                FormCondition condition = FormCondition::not_acceptable) {
        problems_.push_back(FormProblem{std::string(field), std::move(text), condition});
    }

    std::vector<FormProblem> take_problems() { return std::move(problems_); }

private:
    const FormValues& values_;
    std::vector<FormProblem> problems_;
};

struct SipAddress {
    std::string user;
    std::string domain;
};

std::optional<SipAddress> read_username(FormReader& form, std::string_view default_domain) {
    constexpr auto field = registration_field::username;
    const auto value = form.single(field);
    if (!value) return std::nullopt;
    const auto given = trimmed_spaces(*value);
    if (given.empty()) {
        form.refuse(field, "required", FormCondition::bad_request);
        return std::nullopt;
    }
    if (starts_with_ci(given, "sips:")) {
        form.refuse(field, "write the address without \"sips:\" and choose transport tls");
        return std::nullopt;
    }
    const auto text = starts_with_ci(given, "sip:") ? given.substr(4) : given;
    const auto at = text.find('@');
    if (at != std::string_view::npos && text.find('@', at + 1) != std::string_view::npos) {
        form.refuse(field, quoted_for_message(given) + " has more than one '@'");
        return std::nullopt;
    }
    const auto user = text.substr(0, at);
    // Not quoted: "user:password@domain" would show the password.
    if (user.find(':') != std::string_view::npos) {
        form.refuse(field,
                    "cannot contain ':' (write the SIP address as user@domain, and the password"
                    " in its own field)");
        return std::nullopt;
    }
    if (user.empty()) {
        form.refuse(field, quoted_for_message(given) + " has no SIP user");
        return std::nullopt;
    }
    std::string_view domain;
    if (at != std::string_view::npos) {
        domain = text.substr(at + 1);
        if (domain.empty()) {
            form.refuse(field, quoted_for_message(given) + " has no SIP domain");
            return std::nullopt;
        }
    } else if (default_domain.empty()) {
        form.refuse(field,
                    quoted_for_message(given) + " has no SIP domain; write it as user@domain");
        return std::nullopt;
    } else {
        domain = default_domain;
    }
    if (user.size() > max_name_bytes) {
        form.refuse(field, too_long("the SIP user", max_name_bytes));
        return std::nullopt;
    }
    if (auto problem = sip_user_problem(user); !problem.empty()) {
        form.refuse(field, std::move(problem));
        return std::nullopt;
    }
    if (domain.size() > max_name_bytes) {
        form.refuse(field, too_long("the SIP domain", max_name_bytes));
        return std::nullopt;
    }
    const auto host = parse_sip_hostport(domain);
    if (!host.value) {
        form.refuse(field, host.error);
        return std::nullopt;
    }
    if (host.value->port != 0) {
        form.refuse(field, quoted_for_message(given) +
                               ": a SIP domain has no port; put host:port in the proxy field");
        return std::nullopt;
    }
    return SipAddress{std::string(user), sip_host_text(host.value->host)};
}

std::optional<std::string> read_password(FormReader& form) {
    constexpr auto field = registration_field::password;
    const auto value = form.single(field);
    if (!value) return std::nullopt;
    if (value->empty()) {
        form.refuse(field, "required", FormCondition::bad_request);
        return std::nullopt;
    }
    if (value->size() > max_password_bytes) {
        form.refuse(field, too_long("the password", max_password_bytes));
        return std::nullopt;
    }
    return std::string(*value);
}

std::optional<std::string> read_auth_username(FormReader& form) {
    constexpr auto field = registration_field::auth_username;
    const auto value = form.single(field);
    if (!value) return std::nullopt;
    const auto text = trimmed_spaces(*value);
    if (text.size() > max_name_bytes) {
        form.refuse(field, too_long("the authentication user", max_name_bytes));
        return std::nullopt;
    }
    return std::string(text);
}

std::optional<std::string> read_proxy(FormReader& form) {
    constexpr auto field = registration_field::proxy;
    const auto value = form.single(field);
    if (!value) return std::nullopt;
    auto text = trimmed_spaces(*value);
    if (starts_with_ci(text, "sip:")) text.remove_prefix(4);  // pasted as a SIP URI
    if (text.empty()) return std::string();
    const auto host = parse_sip_hostport(text);
    if (!host.value) {
        form.refuse(field, host.error);
        return std::nullopt;
    }
    const auto port = host.value->port;
    return sip_host_text(host.value->host) + (port == 0 ? "" : ":" + std::to_string(port));
}

std::optional<std::string> read_transport(FormReader& form) {
    constexpr auto field = registration_field::transport;
    const auto value = form.single(field);
    if (!value) return std::nullopt;
    std::string text(trimmed_spaces(*value));
    for (char& c : text) c = lower(c);
    if (text.empty() || text == "udp" || text == "tcp" || text == "tls") return text;
    form.refuse(field,
                quoted_for_message(trimmed_spaces(*value)) + " is not one of udp, tcp or tls");
    return std::nullopt;
}

}  // namespace

const char* form_condition_name(FormCondition condition) {
    switch (condition) {
        case FormCondition::bad_request: return "bad-request";
        case FormCondition::not_acceptable: return "not-acceptable";
    }
    return "bad-request";
}

const char* form_field_type_name(FormFieldType type) {
    switch (type) {
        case FormFieldType::text_single: return "text-single";
        case FormFieldType::text_private: return "text-private";
        case FormFieldType::list_single: return "list-single";
    }
    return "text-single";
}

std::string FormProblem::message() const { return field + ": " + text; }

FormCondition RegistrationResult::condition() const {
    for (const auto& problem : problems)
        if (problem.condition == FormCondition::bad_request) return FormCondition::bad_request;
    return FormCondition::not_acceptable;
}

std::string RegistrationResult::error_text() const {
    std::string text;
    for (const auto& problem : problems) {
        if (!text.empty()) text += "; ";
        text += problem.message();
    }
    return text;
}

RegistrationResult read_registration(const FormValues& values, std::string_view default_domain) {
    FormReader form(values);
    // Every field is read, so the user learns about all problems at once.
    auto address = read_username(form, default_domain);
    auto password = read_password(form);
    auto auth_username = read_auth_username(form);
    auto proxy = read_proxy(form);
    auto transport = read_transport(form);
    RegistrationResult result;
    result.problems = form.take_problems();
    if (result.problems.empty() && address && password && auth_username && proxy && transport)
        result.account = SipAccountInput{.sip_user = std::move(address->user),
                                         .sip_domain = std::move(address->domain),
                                         .password = std::move(*password),
                                         .auth_username = std::move(*auth_username),
                                         .proxy = std::move(*proxy),
                                         .transport = std::move(*transport)};
    return result;
}

RegistrationForm registration_form(std::string_view default_domain,
                                   const std::optional<SipAccountInput>& registered) {
    RegistrationForm form;
    form.title = "SIP account";
    form.instructions =
        "Enter the SIP account that the gateway registers for you while you are online: its address"
        " (user@domain) and password. Fill in the authentication user, outbound proxy and transport"
        " only if your SIP provider asks for them.";
    if (!default_domain.empty())
        form.instructions +=
            " A user name without domain is taken to be at " + std::string(default_domain) + ".";
    const SipAccountInput unregistered;
    const auto& shown = registered ? *registered : unregistered;
    const std::string address =
        registered ? shown.sip_user + "@" + shown.sip_domain : std::string();
    form.fields = {
        {.var = std::string(registration_field::username),
         .type = FormFieldType::text_single,
         .label = "SIP address (user@domain)",
         .required = true,
         .legacy = true,
         .value = address,
         .options = {}},
        {.var = std::string(registration_field::password),
         .type = FormFieldType::text_private,
         .label = "Password",
         .required = true,
         .legacy = true,
         .value = {},  // never shown
         .options = {}},
        {.var = std::string(registration_field::auth_username),
         .type = FormFieldType::text_single,
         .label = "Authentication user (if different from the user of the address)",
         .value = shown.auth_username,
         .options = {}},
        {.var = std::string(registration_field::proxy),
         .type = FormFieldType::text_single,
         .label = "Outbound proxy (host or host:port; empty: the SIP domain)",
         .value = shown.proxy,
         .options = {}},
        {.var = std::string(registration_field::transport),
         .type = FormFieldType::list_single,
         .label = "Transport (empty: the default)",
         .value = shown.transport,
         .options = {{"UDP", "udp"}, {"TCP", "tcp"}, {"TLS", "tls"}}},
    };
    return form;
}

}  // namespace gw
