#include "gateway/store/sqlite_account_store.hpp"

#include "gateway/store/account_checks.hpp"
#include "gateway/store/schema.hpp"
#include "gateway/store/sqlite_file.hpp"
#include "gateway/store/sqlite_schema.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <ctime>

namespace gw::store {
namespace {

const std::string select_accounts = "SELECT " + std::string(account_columns) + " FROM sip_accounts";
const std::string find_sql = select_accounts + " WHERE jid = ?1";
const std::string find_by_token_sql = select_accounts + " WHERE contact_token = ?1";
const std::string all_sql = select_accounts + " ORDER BY jid";
const std::string upsert_sql = "INSERT INTO sip_accounts (" + std::string(account_columns) +
                               ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) " + std::string(account_update_clause);
constexpr std::string_view remove_sql = "DELETE FROM sip_accounts WHERE jid = ?1";
constexpr std::string_view count_sql = "SELECT count(*) FROM sip_accounts";

SipAccount read_account(const SqliteStatement& row) {
    SipAccount account;
    account.jid = row.text(0);
    account.sip_user = row.text(1);
    account.sip_domain = row.text(2);
    account.password = row.text(3);
    account.auth_username = row.text(4);
    account.proxy = row.text(5);
    account.transport = row.text(6);
    account.contact_token = row.text(7);
    account.created_at = row.integer(8);
    account.updated_at = row.integer(9);
    return account;
}

const std::string& prepared_file(const std::string& path) {
    prepare_database_file(path);
    return path;
}

// A damaged page would otherwise surface only when a query first reads it, in the middle of a
// call; the quick check reads every page once (milliseconds for thousands of accounts).
void check_integrity(SqliteDatabase& database) {
    std::string report = database.query_text("PRAGMA quick_check", "checking the database's integrity");
    if (report == "ok") return;
    std::replace(report.begin(), report.end(), '\n', ' ');
    constexpr std::size_t shown = 200;
    if (report.size() > shown) report = report.substr(0, shown) + "...";
    throw StoreError("account store " + database.path() + ": the database is corrupt (" + report +
                     "); restore it from a backup");
}

// Runs before any statement is prepared: preparing reads the schema, so the file must be
// known to be a database, in WAL mode and migrated first.
SqliteDatabase& configured(SqliteDatabase& database) {
    const std::string mode = database.query_text("PRAGMA journal_mode = WAL", "switching to the WAL journal");
    if (mode != "wal") {
        throw StoreError("account store " + database.path() + ": cannot use the WAL journal (SQLite kept \"" + mode +
                         "\"); put the file on a local file system");
    }
    // FULL: a registration acknowledged to the user survives a power cut, not only a crash.
    database.execute("PRAGMA synchronous = FULL", "setting synchronous=FULL");
    // Deleted accounts' passwords are overwritten instead of lingering in free pages.
    database.execute("PRAGMA secure_delete = ON", "setting secure_delete");
    migrate_sqlite_schema(database);
    check_integrity(database);
    restrict_companion_files(database.path());
    return database;
}

}  // namespace

SqliteAccountStore::SqliteAccountStore(const std::string& path)
    : database_(prepared_file(path)),
      find_(configured(database_), find_sql),
      find_by_token_(database_, find_by_token_sql),
      upsert_(database_, upsert_sql),
      remove_(database_, remove_sql),
      all_(database_, all_sql),
      count_(database_, count_sql) {}

std::optional<SipAccount> SqliteAccountStore::find_one(SqliteStatement& query, std::string_view key) {
    StatementUse use(query);
    use->bind(1, key);
    if (!use->step()) return std::nullopt;
    return read_account(query);
}

std::optional<SipAccount> SqliteAccountStore::find(std::string_view jid) {
    return find_one(find_, normalized_jid(jid));
}

std::optional<SipAccount> SqliteAccountStore::find_by_token(std::string_view token) {
    return find_one(find_by_token_, token);
}

void SqliteAccountStore::upsert(const SipAccount& account) {
    check_account(account);
    const std::string jid = normalized_jid(account.jid);
    const std::int64_t now = std::time(nullptr);
    StatementUse use(upsert_);
    use->bind(1, jid);
    use->bind(2, account.sip_user);
    use->bind(3, account.sip_domain);
    use->bind(4, account.password);
    use->bind(5, account.auth_username);
    use->bind(6, account.proxy);
    use->bind(7, account.transport);
    use->bind(8, account.contact_token);
    use->bind(9, account.created_at != 0 ? account.created_at : now);
    use->bind(10, now);
    const int code = use->try_step();
    if (code == SQLITE_DONE) return;
    if (code == SQLITE_CONSTRAINT_UNIQUE) {
        throw StoreError("account store " + database_.path() + ": cannot store the account of \"" + jid +
                         "\": its contact_token belongs to another account");
    }
    database_.fail("storing the account of \"" + jid + "\"", code);
}

bool SqliteAccountStore::remove(std::string_view jid) {
    StatementUse use(remove_);
    const std::string key = normalized_jid(jid);
    use->bind(1, key);
    use->step();
    return use->changes() > 0;
}

std::vector<SipAccount> SqliteAccountStore::all() {
    StatementUse use(all_);
    std::vector<SipAccount> accounts;
    while (use->step()) accounts.push_back(read_account(all_));
    return accounts;
}

std::size_t SqliteAccountStore::count() {
    StatementUse use(count_);
    use->step();
    return static_cast<std::size_t>(use->integer(0));
}

}  // namespace gw::store
