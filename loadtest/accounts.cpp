#include "loadtest/accounts.hpp"

#include "gateway/store/account_store.hpp"

namespace gw::load {

std::string user_jid(std::size_t index) { return "user" + std::to_string(index) + "@" + kXmppDomain; }

std::string user_full_jid(std::size_t index) { return user_jid(index) + "/" + kResource; }

std::string sip_user(std::size_t index) { return "u" + std::to_string(index); }

std::vector<std::string> seed_accounts(const SeedOptions& options) {
    store::StoreOptions store_options;
    store_options.backend = store::StoreOptions::Backend::sqlite;
    store_options.path = options.store_path;
    auto store = store::open_account_store(store_options);
    std::vector<std::string> tokens;
    tokens.reserve(options.users);
    for (std::size_t i = 0; i < options.users; ++i) {
        store::SipAccount account;
        account.jid = user_jid(i);
        account.sip_user = sip_user(i);
        account.sip_domain = options.sip_domain;
        account.password = kSipPassword;
        account.proxy = options.proxy;
        account.transport = "udp";
        account.contact_token = store::new_contact_token();
        store->upsert(account);
        tokens.push_back(account.contact_token);
    }
    return tokens;
}

}  // namespace gw::load
