#include "gateway/store/account_checks.hpp"

#include "gateway/store/account_store.hpp"

#include <algorithm>
#include <array>

namespace gw::store {
namespace {

bool has_control_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
}

[[noreturn]] void reject(const SipAccount& account, std::string_view problem) {
    throw StoreError("invalid account for \"" + normalized_jid(account.jid) + "\": " + std::string(problem));
}

}  // namespace

std::string normalized_jid(std::string_view jid) {
    std::string out(jid);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

void check_account(const SipAccount& account) {
    // The jid is checked first and alone: the other messages quote it.
    if (account.jid.empty()) throw StoreError("invalid account: the jid is empty");
    if (has_control_character(account.jid) || account.jid.find_first_of(" /") != std::string::npos)
        throw StoreError("invalid account: the jid must be a bare JID without spaces or control characters");

    const std::array<std::pair<std::string_view, const std::string*>, 7> fields{{
        {"sip_user", &account.sip_user},
        {"sip_domain", &account.sip_domain},
        {"password", &account.password},
        {"auth_username", &account.auth_username},
        {"proxy", &account.proxy},
        {"transport", &account.transport},
        {"contact_token", &account.contact_token},
    }};
    for (const auto& [name, value] : fields) {
        if (has_control_character(*value)) reject(account, std::string(name) + " contains a control character");
    }
    if (account.sip_user.empty()) reject(account, "sip_user is empty");
    if (account.sip_domain.empty()) reject(account, "sip_domain is empty");
    if (account.contact_token.empty()) reject(account, "contact_token is empty");
    const std::string_view transport = account.transport;
    if (!(transport.empty() || transport == "udp" || transport == "tcp" || transport == "tls"))
        reject(account, "transport must be udp, tcp, tls or empty");
    if (account.created_at < 0) reject(account, "created_at is negative");
}

}  // namespace gw::store
