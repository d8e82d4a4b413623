#include "gateway/store/pg_connection.hpp"

#include "gateway/store/account_store.hpp"

#include <libpq-fe.h>

#include <array>
#include <charconv>
#include <vector>

namespace gw::store {
namespace {

// Without it a black-holed server would stall start-up for minutes; the conninfo may override it.
constexpr const char* default_connect_timeout_s = "10";

// Server notices ("relation already exists, skipping") would go to stderr past the logger.
void ignore_notice(void* /*context*/, const char* /*message*/) noexcept {}

// libpq messages span lines ("...failed: ...\n\tIs the server running..."): make them one line.
std::string one_line(const char* text) {
    std::string out;
    bool space = false;
    for (const char* c = text != nullptr ? text : ""; *c != '\0'; ++c) {
        if (*c == '\n' || *c == '\t' || *c == '\r' || *c == ' ') {
            space = !out.empty();
        } else {
            if (space) out += ' ';
            space = false;
            out += *c;
        }
    }
    return out.empty() ? "unknown error" : out;
}

std::string field(const PGresult* result, int code) {
    const char* value = result != nullptr ? PQresultErrorField(result, code) : nullptr;
    return value != nullptr ? value : "";
}

}  // namespace

void PgResult::Clear::operator()(pg_result* result) const { PQclear(result); }

int PgResult::rows() const { return PQntuples(result_.get()); }

std::string PgResult::text(int row, int column) const {
    const char* value = PQgetvalue(result_.get(), row, column);
    return std::string(value, static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t PgResult::integer(int row, int column) const {
    const std::string value = text(row, column);
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc{} || end != value.data() + value.size())
        throw StoreError("account store: the database returned \"" + value + "\" where a number was expected");
    return number;
}

std::int64_t PgResult::affected_rows() const {
    const std::string value = PQcmdTuples(result_.get());
    std::int64_t number = 0;
    std::from_chars(value.data(), value.data() + value.size(), number);
    return number;
}

std::string describe_conninfo(const std::string& conninfo) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    if (options == nullptr) {
        // libpq's message may quote a piece of the string, which may be the password.
        PQfreemem(error);
        throw StoreError("account store (PostgreSQL): store.conninfo is not a valid libpq connection string "
                         "(not shown here: it may contain a password)");
    }
    // In the order an admin reads them; the password (and everything else) is left out.
    static constexpr std::array<std::string_view, 5> shown{"host", "hostaddr", "port", "dbname", "user"};
    std::string out = "PostgreSQL";
    for (const std::string_view wanted : shown) {
        for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
            if (option->keyword != wanted || option->val == nullptr || option->val[0] == '\0') continue;
            out += ' ';
            out += wanted;
            out += '=';
            out += option->val;
        }
    }
    PQconninfoFree(options);
    return out;
}

PgConnection::PgConnection(std::string conninfo)
    : conninfo_(std::move(conninfo)), description_(describe_conninfo(conninfo_)) {
    connect();
}

PgConnection::~PgConnection() { PQfinish(connection_); }

void PgConnection::connect() {
    // Settings before "dbname" are defaults the connection string overrides; after it, they win.
    const std::array<const char*, 5> keys{"connect_timeout", "fallback_application_name", "dbname", "client_encoding",
                                          nullptr};
    const std::array<const char*, 5> values{default_connect_timeout_s, "xmpp-sip-gateway", conninfo_.c_str(), "UTF8",
                                            nullptr};
    connection_ = PQconnectdbParams(keys.data(), values.data(), 1);
    if (connection_ == nullptr) fail("connecting", "out of memory");
    if (PQstatus(connection_) != CONNECTION_OK) {
        const std::string problem = one_line(PQerrorMessage(connection_));
        PQfinish(connection_);
        connection_ = nullptr;
        fail("connecting", problem);
    }
    PQsetNoticeProcessor(connection_, ignore_notice, nullptr);
}

void PgConnection::fail(std::string_view doing, std::string_view problem) const {
    throw StoreError("account store (" + description_ + "): " + std::string(problem) + " (" + std::string(doing) + ")");
}

PgResult PgConnection::run(std::string_view sql, std::span<const std::string> parameters, std::string_view doing,
                           Retry retry, PgFailure* failure) {
    const std::string statement(sql);
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const std::string& parameter : parameters) values.push_back(parameter.c_str());

    for (int attempt = 0;; ++attempt) {
        if (connection_ == nullptr) {
            connect();
        } else if (PQstatus(connection_) != CONNECTION_OK) {
            // Broken by an earlier call (server restart, failover, idle timeout): one fresh start.
            PQreset(connection_);
            if (PQstatus(connection_) != CONNECTION_OK) {
                fail(doing, "lost the connection and could not reconnect: " + one_line(PQerrorMessage(connection_)));
            }
        }
        PGresult* raw = PQexecParams(connection_, statement.c_str(), static_cast<int>(values.size()), nullptr,
                                     values.data(), nullptr, nullptr, 0);
        PgResult result(raw);
        const ExecStatusType status = raw != nullptr ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;

        if (PQstatus(connection_) != CONNECTION_OK) {
            if (retry == Retry::once_after_reconnect && attempt == 0) continue;
            fail(doing, "lost the connection to the server: " + one_line(PQerrorMessage(connection_)));
        }
        PgFailure details{field(raw, PG_DIAG_SQLSTATE), field(raw, PG_DIAG_CONSTRAINT_NAME),
                          field(raw, PG_DIAG_MESSAGE_PRIMARY)};
        if (details.message.empty()) details.message = one_line(PQerrorMessage(connection_));
        if (failure != nullptr) *failure = details;
        fail(doing, details.message);
    }
}

}  // namespace gw::store
