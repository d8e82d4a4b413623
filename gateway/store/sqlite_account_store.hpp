// The SQLite backend: one file (mode 0600) in WAL mode with synchronous=FULL, so an account is on
// disk when upsert returns and survives a crash of the process or the machine.
#pragma once

#include "gateway/store/account_store.hpp"
#include "gateway/store/sqlite_database.hpp"

namespace gw::store {

class SqliteAccountStore final : public AccountStore {
public:
    // Creates the file if needed and brings its schema up to date; throws StoreError.
    explicit SqliteAccountStore(const std::string& path);

    std::optional<SipAccount> find(std::string_view jid) override;
    std::optional<SipAccount> find_by_token(std::string_view token) override;
    void upsert(const SipAccount& account) override;
    bool remove(std::string_view jid) override;
    std::vector<SipAccount> all() override;
    std::size_t count() override;

private:
    std::optional<SipAccount> find_one(SqliteStatement& query, std::string_view key);

    SqliteDatabase database_;
    // Prepared once: the hot queries (every presence change, every incoming INVITE).
    SqliteStatement find_;
    SqliteStatement find_by_token_;
    SqliteStatement upsert_;
    SqliteStatement remove_;
    SqliteStatement all_;
    SqliteStatement count_;
};

}  // namespace gw::store
