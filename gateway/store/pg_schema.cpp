#include "gateway/store/pg_schema.hpp"

#include "gateway/store/account_store.hpp"
#include "gateway/store/schema.hpp"

#include <ctime>
#include <vector>

namespace gw::store {
namespace {

using Retry = PgConnection::Retry;

// Any fixed number shared by all instances: "gw_store" in ASCII.
constexpr std::string_view lock_sql = "SELECT pg_advisory_xact_lock(7455532657614484069)";

// Statements inside a transaction are never retried on a new connection: the transaction is gone.
PgResult run_in_transaction(PgConnection& connection, std::string_view sql, std::string_view doing,
                            std::span<const std::string> parameters = {}) {
    return connection.run(sql, parameters, doing, Retry::never);
}

class Transaction {
public:
    explicit Transaction(PgConnection& connection) : connection_(connection) {
        connection_.run("BEGIN", {}, "starting the schema migration");
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction() {
        if (committed_) return;
        try {
            connection_.run("ROLLBACK", {}, "rolling back the schema migration", Retry::never);
        } catch (const StoreError&) {
            // The first error is the one to report; the server rolls back when the connection ends.
        }
    }
    void commit() {
        run_in_transaction(connection_, "COMMIT", "committing the schema migration");
        committed_ = true;
    }

private:
    PgConnection& connection_;
    bool committed_ = false;
};

}  // namespace

void migrate_postgresql_schema(PgConnection& connection) {
    Transaction transaction(connection);
    run_in_transaction(connection, lock_sql, "waiting for other gateways' schema migration");
    run_in_transaction(connection,
                       "CREATE TABLE IF NOT EXISTS schema_version ("
                       "version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)",
                       "creating the schema_version table");
    const PgResult current_result =
        run_in_transaction(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version",
                           "reading the schema version");
    const std::int64_t current = current_result.integer(0, 0);
    const int latest = latest_schema_version();
    if (current > latest) {
        throw StoreError("account store (" + connection.description() + "): the schema version " +
                         std::to_string(current) + " is newer than this gateway supports (" + std::to_string(latest) +
                         "); run a newer gateway or restore a backup made for this version");
    }
    const std::string now = std::to_string(std::time(nullptr));
    for (const Migration& migration : schema_migrations()) {
        if (migration.version <= current) continue;
        run_in_transaction(connection, migration.postgresql_sql,
                           "schema migration " + std::to_string(migration.version) + ": " +
                               std::string(migration.summary));
        const std::vector<std::string> row{std::to_string(migration.version), now};
        run_in_transaction(connection, "INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)",
                           "recording the schema version", row);
    }
    transaction.commit();
}

}  // namespace gw::store
