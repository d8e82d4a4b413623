// The PostgreSQL backend: the same table as SQLite in a database that several gateway instances
// share. Every call is one blocking round trip; a write is committed when it returns.
#pragma once

#include "gateway/store/account_store.hpp"
#include "gateway/store/pg_connection.hpp"

namespace gw::store {

class PgAccountStore final : public AccountStore {
public:
    // Connects and brings the schema up to date; throws StoreError.
    explicit PgAccountStore(const std::string& conninfo);

    std::optional<SipAccount> find(std::string_view jid) override;
    std::optional<SipAccount> find_by_token(std::string_view token) override;
    void upsert(const SipAccount& account) override;
    bool remove(std::string_view jid) override;
    std::vector<SipAccount> all() override;
    std::size_t count() override;

private:
    std::optional<SipAccount> find_one(std::string_view sql, std::string key, std::string_view doing);

    PgConnection connection_;
};

}  // namespace gw::store
