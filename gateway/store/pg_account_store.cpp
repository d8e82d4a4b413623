#include "gateway/store/pg_account_store.hpp"

#include "gateway/store/account_checks.hpp"
#include "gateway/store/schema.hpp"
#include "gateway/store/pg_schema.hpp"

#include <array>
#include <ctime>

namespace gw::store {
namespace {

const std::string select_accounts = "SELECT " + std::string(account_columns) + " FROM sip_accounts";
const std::string find_sql = select_accounts + " WHERE jid = $1";
const std::string find_by_token_sql = select_accounts + " WHERE contact_token = $1";
const std::string all_sql = select_accounts + " ORDER BY jid";
const std::string upsert_sql = "INSERT INTO sip_accounts (" + std::string(account_columns) +
                               ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) " + std::string(account_update_clause);
constexpr std::string_view remove_sql = "DELETE FROM sip_accounts WHERE jid = $1";
constexpr std::string_view count_sql = "SELECT count(*) FROM sip_accounts";

constexpr std::string_view unique_violation = "23505";

SipAccount read_account(const PgResult& result, int row) {
    SipAccount account;
    account.jid = result.text(row, 0);
    account.sip_user = result.text(row, 1);
    account.sip_domain = result.text(row, 2);
    account.password = result.text(row, 3);
    account.auth_username = result.text(row, 4);
    account.proxy = result.text(row, 5);
    account.transport = result.text(row, 6);
    account.contact_token = result.text(row, 7);
    account.created_at = result.integer(row, 8);
    account.updated_at = result.integer(row, 9);
    return account;
}

}  // namespace

PgAccountStore::PgAccountStore(const std::string& conninfo) : connection_(conninfo) {
    migrate_postgresql_schema(connection_);
}

std::optional<SipAccount> PgAccountStore::find_one(std::string_view sql, std::string key, std::string_view doing) {
    const std::array<std::string, 1> parameters{std::move(key)};
    const PgResult result = connection_.run(sql, parameters, doing);
    if (result.rows() == 0) return std::nullopt;
    return read_account(result, 0);
}

std::optional<SipAccount> PgAccountStore::find(std::string_view jid) {
    return find_one(find_sql, normalized_jid(jid), "looking up an account");
}

std::optional<SipAccount> PgAccountStore::find_by_token(std::string_view token) {
    return find_one(find_by_token_sql, std::string(token), "looking up an account by contact token");
}

void PgAccountStore::upsert(const SipAccount& account) {
    check_account(account);
    const std::string jid = normalized_jid(account.jid);
    const std::int64_t now = std::time(nullptr);
    const std::array<std::string, 10> parameters{
        jid,
        account.sip_user,
        account.sip_domain,
        account.password,
        account.auth_username,
        account.proxy,
        account.transport,
        account.contact_token,
        std::to_string(account.created_at != 0 ? account.created_at : now),
        std::to_string(now),
    };
    PgFailure failure;
    try {
        // An upsert is idempotent, so repeating it after a reconnect is safe.
        connection_.run(upsert_sql, parameters, "storing the account of \"" + jid + "\"",
                        PgConnection::Retry::once_after_reconnect, &failure);
    } catch (const StoreError&) {
        if (failure.sqlstate != unique_violation) throw;
        throw StoreError("account store (" + connection_.description() + "): cannot store the account of \"" + jid +
                         "\": its contact_token belongs to another account");
    }
}

bool PgAccountStore::remove(std::string_view jid) {
    // Repeated after a reconnect, a delete that had already happened reports false: acceptable for
    // the callers, which only log it.
    const std::array<std::string, 1> parameters{normalized_jid(jid)};
    return connection_.run(remove_sql, parameters, "removing an account").affected_rows() > 0;
}

std::vector<SipAccount> PgAccountStore::all() {
    const PgResult result = connection_.run(all_sql, {}, "listing the accounts");
    std::vector<SipAccount> accounts;
    accounts.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) accounts.push_back(read_account(result, row));
    return accounts;
}

std::size_t PgAccountStore::count() {
    const PgResult result = connection_.run(count_sql, {}, "counting the accounts");
    return static_cast<std::size_t>(result.integer(0, 0));
}

}  // namespace gw::store
