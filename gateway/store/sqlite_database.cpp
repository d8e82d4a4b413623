#include "gateway/store/sqlite_database.hpp"

#include "gateway/store/account_store.hpp"

#include <sqlite3.h>

namespace gw::store {
namespace {

// How long a writer waits for another process holding the lock before giving up.
constexpr int busy_timeout_ms = 5000;

std::string problem_text(int code, const char* detail) {
    const std::string why = detail != nullptr ? detail : sqlite3_errstr(code);
    switch (code & 0xff) {
    case SQLITE_NOTADB:
        return "the file is not an SQLite database";
    case SQLITE_CORRUPT:
        return "the database is corrupt (" + why + "); restore it from a backup";
    case SQLITE_READONLY:
        return "the database cannot be written (" + why + ")";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "the database stayed locked by another connection for " + std::to_string(busy_timeout_ms / 1000) + " s";
    case SQLITE_FULL:
        return "the disk is full";
    case SQLITE_CANTOPEN:
        return "cannot open the database (" + why + ")";
    case SQLITE_IOERR:
        return "input/output error (" + why + ")";
    default:
        return why;
    }
}

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path) : path_(std::move(path)) {
    const int code = sqlite3_open_v2(path_.c_str(), &handle_, SQLITE_OPEN_READWRITE, nullptr);
    if (code != SQLITE_OK) {
        const std::string problem = problem_text(code, handle_ != nullptr ? sqlite3_errmsg(handle_) : nullptr);
        sqlite3_close_v2(handle_);
        handle_ = nullptr;
        throw StoreError("account store " + path_ + ": " + problem + " (opening)");
    }
    sqlite3_extended_result_codes(handle_, 1);
    sqlite3_busy_timeout(handle_, busy_timeout_ms);
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close_v2(handle_); }

void SqliteDatabase::fail(std::string_view doing, int code) const {
    throw StoreError("account store " + path_ + ": " + problem_text(code, sqlite3_errmsg(handle_)) + " (" +
                     std::string(doing) + ")");
}

void SqliteDatabase::execute(std::string_view sql, std::string_view doing) {
    const std::string text(sql);
    const int code = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, nullptr);
    if (code != SQLITE_OK) fail(doing, code);
}

std::string SqliteDatabase::query_text(std::string_view sql, std::string_view doing) {
    SqliteStatement statement(*this, sql, doing);
    if (!statement.step()) throw StoreError("account store " + path_ + ": no result (" + std::string(doing) + ")");
    return statement.text(0);
}

std::int64_t SqliteDatabase::query_integer(std::string_view sql, std::string_view doing) {
    SqliteStatement statement(*this, sql, doing);
    if (!statement.step()) throw StoreError("account store " + path_ + ": no result (" + std::string(doing) + ")");
    return statement.integer(0);
}

SqliteStatement::SqliteStatement(SqliteDatabase& database, std::string_view sql, std::string_view doing)
    : database_(database) {
    const int code = sqlite3_prepare_v3(database_.handle(), sql.data(), static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &statement_, nullptr);
    if (code != SQLITE_OK) database_.fail(doing, code);
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

void SqliteStatement::bind(int index, std::string_view text) {
    // A null pointer would bind SQL NULL; the text stays valid until reset() clears the bindings.
    const char* data = text.data() != nullptr ? text.data() : "";
    const int code = sqlite3_bind_text64(statement_, index, data, text.size(), nullptr, SQLITE_UTF8);
    if (code != SQLITE_OK) database_.fail("binding a value", code);
}

void SqliteStatement::bind(int index, std::int64_t number) {
    const int code = sqlite3_bind_int64(statement_, index, number);
    if (code != SQLITE_OK) database_.fail("binding a value", code);
}

int SqliteStatement::try_step() { return sqlite3_step(statement_); }

bool SqliteStatement::step() {
    const int code = try_step();
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    database_.fail("running a query", code);
}

std::string SqliteStatement::text(int column) const {
    const unsigned char* value = sqlite3_column_text(statement_, column);
    if (value == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(value), static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::int64_t SqliteStatement::integer(int column) const { return sqlite3_column_int64(statement_, column); }

int SqliteStatement::changes() const { return sqlite3_changes(database_.handle()); }

void SqliteStatement::reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

}  // namespace gw::store
