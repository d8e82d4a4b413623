// The durable home of users' SIP accounts: SQLite (one file) or PostgreSQL (shared by instances).
// Calls block (a local file, or a database round trip); writes are rare: registration changes.
#pragma once

#include "gateway/store/account.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gw::store {

struct StoreOptions {
    enum class Backend { sqlite, postgresql } backend = Backend::sqlite;
    std::string path;      // sqlite: the database file; its directory must exist
    std::string conninfo;  // postgresql: libpq connection string; never shown in messages
};

// Every failure of a store: a clear message naming the file or database (never a password).
class StoreError : public std::runtime_error {
public:
    using runtime_error::runtime_error;
};

class AccountStore {
public:
    virtual ~AccountStore() = default;

    // JIDs are compared lower-case (ASCII): "Alice@Example.org" finds "alice@example.org".
    virtual std::optional<SipAccount> find(std::string_view jid) = 0;
    virtual std::optional<SipAccount> find_by_token(std::string_view token) = 0;

    // Inserts or replaces the account of account.jid; durable when it returns. The store sets the
    // times: updated_at = now; created_at = now for a new account (or account.created_at when
    // that is non-zero, for imports) and is kept on update. Throws StoreError for an invalid
    // account or a contact_token that belongs to another account.
    virtual void upsert(const SipAccount& account) = 0;

    virtual bool remove(std::string_view jid) = 0;  // true if it existed
    virtual std::vector<SipAccount> all() = 0;      // ordered by jid
    virtual std::size_t count() = 0;
};

// Opens the store, creating or migrating its schema. Throws StoreError with a clear message.
std::unique_ptr<AccountStore> open_account_store(const StoreOptions& options);

// 128 bits from the kernel's CSPRNG (getrandom) as 32 lower-case hex digits: safe in a SIP user
// part and in URLs. Throws StoreError if the kernel gives no randomness.
std::string new_contact_token();

}  // namespace gw::store
