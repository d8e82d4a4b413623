#include "gateway/store/sqlite_schema.hpp"

#include "gateway/store/account_store.hpp"
#include "gateway/store/schema.hpp"

namespace gw::store {
namespace {

// Rolls back unless committed, so a failed migration leaves the file as it was.
class Transaction {
public:
    explicit Transaction(SqliteDatabase& database) : database_(database) {
        database_.execute("BEGIN IMMEDIATE", "starting the schema migration");
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction() {
        if (!committed_) {
            try {
                database_.execute("ROLLBACK", "rolling back the schema migration");
            } catch (const StoreError&) {
                // The original error is the one worth reporting; SQLite rolls back on close anyway.
            }
        }
    }
    void commit() {
        database_.execute("COMMIT", "committing the schema migration");
        committed_ = true;
    }

private:
    SqliteDatabase& database_;
    bool committed_ = false;
};

}  // namespace

void migrate_sqlite_schema(SqliteDatabase& database) {
    Transaction transaction(database);
    const std::int64_t current = database.query_integer("PRAGMA user_version", "reading the schema version");
    const int latest = latest_schema_version();
    if (current > latest) {
        throw StoreError("account store " + database.path() + ": the schema version " + std::to_string(current) +
                         " is newer than this gateway supports (" + std::to_string(latest) +
                         "); run a newer gateway or restore a backup made for this version");
    }
    if (current == latest) return;
    for (const Migration& migration : schema_migrations()) {
        if (migration.version <= current) continue;
        database.execute(migration.sqlite_sql, "schema migration " + std::to_string(migration.version) + ": " +
                                                   std::string(migration.summary));
    }
    // PRAGMA takes no bound parameters; the value is our own integer.
    database.execute("PRAGMA user_version = " + std::to_string(latest), "recording the schema version");
    transaction.commit();
}

}  // namespace gw::store
