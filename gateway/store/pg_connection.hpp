// A libpq connection for the account store: blocking calls (writes are rare), text parameters,
// one reconnect when the server dropped the connection, and messages that never show the
// connection string (it may hold a password).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

struct pg_conn;
struct pg_result;

namespace gw::store {

class PgResult {
public:
    explicit PgResult(pg_result* result) : result_(result) {}
    int rows() const;
    std::string text(int row, int column) const;
    std::int64_t integer(int row, int column) const;
    std::int64_t affected_rows() const;  // for INSERT/UPDATE/DELETE

private:
    struct Clear {
        void operator()(pg_result* result) const;
    };
    std::unique_ptr<pg_result, Clear> result_;
};

// A failed statement: the server's SQLSTATE (e.g. "23505" unique violation) and message.
struct PgFailure {
    std::string sqlstate;
    std::string constraint;
    std::string message;
};

class PgConnection {
public:
    // Connects; throws StoreError naming host, port, database and user (never the password).
    explicit PgConnection(std::string conninfo);
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;
    ~PgConnection();

    enum class Retry { once_after_reconnect, never };

    // Runs one statement. On a broken connection it reconnects and, with Retry::once_after_reconnect,
    // runs the statement again (only for statements that are safe to repeat). Throws StoreError;
    // a server-side failure is also described in `failure` when given.
    PgResult run(std::string_view sql, std::span<const std::string> parameters, std::string_view doing,
                 Retry retry = Retry::once_after_reconnect, PgFailure* failure = nullptr);

    // "PostgreSQL host=... port=... dbname=... user=..." for messages.
    const std::string& description() const { return description_; }

private:
    void connect();
    [[noreturn]] void fail(std::string_view doing, std::string_view problem) const;

    std::string conninfo_;
    std::string description_;
    pg_conn* connection_ = nullptr;
};

// The non-secret parts of a connection string, for messages; a connection string libpq cannot
// parse gives a StoreError that does not repeat it.
std::string describe_conninfo(const std::string& conninfo);

}  // namespace gw::store
