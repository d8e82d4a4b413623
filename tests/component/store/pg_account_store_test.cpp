// The PostgreSQL backend against a real server: the shared contract, then what only a server
// shows: lost connections, several gateways starting at once, schema versions, and messages
// that never reveal the connection string's password.
#include "gateway/store/account_store.hpp"
#include "gateway/store/schema.hpp"
#include "tests/rig/ports.hpp"
#include "tests/rig/postgres_server.hpp"
#include "tests/unit/store/account_store_contract.hpp"

#include <doctest/doctest.h>
#include <libpq-fe.h>

#include <barrier>
#include <thread>
#include <vector>

namespace gw::store {
namespace {

// One server for the whole binary: it takes about a second to start.
rig::PostgresServer& server() {
    static rig::PostgresServer instance;
    return instance;
}

// Runs SQL as the admin would with psql, and returns the first value of the result (if any).
std::string psql(const std::string& sql) {
    PGconn* connection = PQconnectdb(server().conninfo().c_str());
    REQUIRE_MESSAGE(PQstatus(connection) == CONNECTION_OK, PQerrorMessage(connection));
    PQsetNoticeProcessor(connection, [](void*, const char*) {}, nullptr);
    PGresult* result = PQexec(connection, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    const std::string error = PQresultErrorMessage(result);
    std::string value;
    if (status == PGRES_TUPLES_OK && PQntuples(result) > 0) value = PQgetvalue(result, 0, 0);
    PQclear(result);
    PQfinish(connection);
    REQUIRE_MESSAGE((status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK), error);
    return value;
}

StoreOptions options_for(const std::string& conninfo) { return {StoreOptions::Backend::postgresql, {}, conninfo}; }

struct PostgresFixture {
    PostgresFixture() { psql("DROP TABLE IF EXISTS sip_accounts, schema_version"); }
    std::unique_ptr<AccountStore> open() const { return open_account_store(options_for(server().conninfo())); }
};

TEST_CASE_TEMPLATE_INVOKE(account_store_contract, PostgresFixture);

std::string open_error(const std::string& conninfo) {
    try {
        open_account_store(options_for(conninfo));
    } catch (const StoreError& error) {
        return error.what();
    }
    return "(opened without error)";
}

// The gateway's sessions carry this application_name unless the connection string sets another.
void terminate_gateway_sessions() {
    CHECK(psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
               "WHERE application_name = 'xmpp-sip-gateway'") == "1");
}

TEST_CASE("a connection dropped by the server is re-established once, transparently") {
    const PostgresFixture fixture;
    auto store = fixture.open();
    store->upsert(contract::sample_account("alice@example.org", "token-alice"));

    terminate_gateway_sessions();
    const auto found = store->find("alice@example.org");
    REQUIRE(found.has_value());
    CHECK(found->contact_token == "token-alice");

    terminate_gateway_sessions();
    store->upsert(contract::sample_account("bob@example.org", "token-bob"));
    CHECK(store->count() == 2);

    terminate_gateway_sessions();
    CHECK(store->remove("bob@example.org"));
    CHECK(store->all().size() == 1);
}

TEST_CASE("several gateways opening a fresh database at once migrate it once") {
    const PostgresFixture fixture;
    constexpr int gateways = 6;
    std::barrier start(gateways);
    std::vector<std::string> errors(gateways);
    std::vector<std::thread> threads;
    for (int i = 0; i < gateways; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            try {
                auto store = fixture.open();
                store->upsert(contract::sample_account("user" + std::to_string(i) + "@example.org",
                                                       "token-" + std::to_string(i)));
            } catch (const std::exception& error) {
                errors[static_cast<std::size_t>(i)] = error.what();
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    for (const std::string& error : errors) CHECK_MESSAGE(error.empty(), error);
    CHECK(psql("SELECT count(*) FROM schema_version") == std::to_string(schema_migrations().size()));
    CHECK(psql("SELECT max(version) FROM schema_version") == std::to_string(latest_schema_version()));
    CHECK(fixture.open()->count() == gateways);
}

TEST_CASE("a schema newer than this binary is refused without touching the database") {
    const PostgresFixture fixture;
    fixture.open()->upsert(contract::sample_account("alice@example.org", "token-alice"));
    psql("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
    const std::string error = open_error(server().conninfo());
    CHECK(error.starts_with("account store (PostgreSQL host=127.0.0.1 port=" + std::to_string(server().port())));
    CHECK(error.ends_with("): the schema version 99 is newer than this gateway supports (" +
                          std::to_string(latest_schema_version()) +
                          "); run a newer gateway or restore a backup made for this version"));
    CHECK(psql("SELECT count(*) FROM sip_accounts") == "1");
    CHECK(psql("SELECT max(version) FROM schema_version") == "99");
}

TEST_CASE("connection problems are explained without the connection string's password") {
    const std::string closed_port = std::to_string(rig::free_port());
    const std::string refused =
        open_error("host=127.0.0.1 port=" + closed_port + " user=gw password=hunter2 dbname=accounts");
    CHECK(refused.starts_with("account store (PostgreSQL host=127.0.0.1 port=" + closed_port +
                              " dbname=accounts user=gw): connection to server at \"127.0.0.1\", port " +
                              closed_port + " failed: Connection refused"));
    CHECK(refused.ends_with("(connecting)"));
    CHECK(refused.find("hunter2") == std::string::npos);

    const std::string port = std::to_string(server().port());
    const std::string no_database =
        open_error("postgresql://gw:hunter2@127.0.0.1:" + port + "/no_such_database");
    CHECK(no_database.find("database \"no_such_database\" does not exist") != std::string::npos);
    CHECK(no_database.find("hunter2") == std::string::npos);

    CHECK(open_error("host=127.0.0.1 password=hunter2 oops") ==
          "account store (PostgreSQL): store.conninfo is not a valid libpq connection string "
          "(not shown here: it may contain a password)");
    CHECK(open_error("") == "account store: no PostgreSQL connection string given (store.conninfo is empty)");
}

TEST_CASE("a URI connection string with a password works") {
    const PostgresFixture fixture;
    const std::string uri = "postgresql://gw:unused-with-trust@127.0.0.1:" + std::to_string(server().port()) + "/postgres";
    auto store = open_account_store(options_for(uri));
    store->upsert(contract::sample_account("alice@example.org", "token-alice"));
    CHECK(fixture.open()->find("alice@example.org").has_value());
}

}  // namespace
}  // namespace gw::store
