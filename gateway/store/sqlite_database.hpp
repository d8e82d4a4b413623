// Thin owners of a SQLite connection and its prepared statements; every failure becomes a
// StoreError that names the database file and says what was being done.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace gw::store {

class SqliteDatabase;

class SqliteStatement {
public:
    // `doing` names the step in error messages ("switching to the WAL journal").
    SqliteStatement(SqliteDatabase& database, std::string_view sql, std::string_view doing = "preparing a query");
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement();

    void bind(int index, std::string_view text);  // index from 1, as in "?1"
    void bind(int index, std::int64_t number);
    bool step();      // true: a row is ready; false: done; throws on errors
    int try_step();   // the SQLite result code, for callers that handle some errors themselves
    std::string text(int column) const;
    std::int64_t integer(int column) const;
    int changes() const;
    void reset();  // ready for new bindings; releases the read lock of a half-read result

private:
    SqliteDatabase& database_;
    sqlite3_stmt* statement_ = nullptr;
};

// Resets a statement when a use of it ends, also by an exception.
class StatementUse {
public:
    explicit StatementUse(SqliteStatement& statement) : statement_(statement) { statement_.reset(); }
    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;
    ~StatementUse() { statement_.reset(); }
    SqliteStatement* operator->() { return &statement_; }

private:
    SqliteStatement& statement_;
};

class SqliteDatabase {
public:
    // Opens an existing file for reading and writing (see prepare_database_file).
    explicit SqliteDatabase(std::string path);
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;
    ~SqliteDatabase();

    void execute(std::string_view sql, std::string_view doing);
    // The first column of the first row, as text (for PRAGMA queries).
    std::string query_text(std::string_view sql, std::string_view doing);
    std::int64_t query_integer(std::string_view sql, std::string_view doing);

    // Throws a StoreError for the connection's last error code.
    [[noreturn]] void fail(std::string_view doing, int code) const;

    sqlite3* handle() const { return handle_; }
    const std::string& path() const { return path_; }

private:
    std::string path_;
    sqlite3* handle_ = nullptr;
};

}  // namespace gw::store
