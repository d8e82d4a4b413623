// The SQLite backend: the shared contract, plus what only a file shows: modes, paths, crashes,
// damaged files and schema versions.
#include "gateway/store/account_store.hpp"
#include "gateway/store/schema.hpp"
#include "tests/rig/temp_dir.hpp"
#include "tests/rig/text_file.hpp"
#include "tests/unit/store/account_store_contract.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <functional>

namespace gw::store {
namespace {

struct SqliteFixture {
    rig::TempDir dir{"gw-store"};
    std::string path = dir.file("accounts.db");
    std::unique_ptr<AccountStore> open() const {
        return open_account_store({StoreOptions::Backend::sqlite, path, {}});
    }
};

TEST_CASE_TEMPLATE_INVOKE(account_store_contract, SqliteFixture);

mode_t mode_of(const std::string& path) {
    struct stat info {};
    REQUIRE_MESSAGE(::stat(path.c_str(), &info) == 0, "no file " << path);
    return info.st_mode & 07777;
}

std::string open_error(const std::string& path) {
    try {
        open_account_store({StoreOptions::Backend::sqlite, path, {}});
    } catch (const StoreError& error) {
        return error.what();
    }
    return "(opened without error)";
}

// Runs a query on the file through a separate connection, as an admin's sqlite3 shell would.
std::string sqlite_shell(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    std::string out;
    char* error = nullptr;
    const int code = sqlite3_exec(
        db, sql.c_str(),
        [](void* text, int, char** values, char**) {
            *static_cast<std::string*>(text) += values[0] != nullptr ? values[0] : "NULL";
            return 0;
        },
        &out, &error);
    const std::string error_text = error != nullptr ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    REQUIRE_MESSAGE(code == SQLITE_OK, error_text);
    return out;
}

// Runs `body` in a child process that cannot bypass file permissions (as "nobody" when we are
// root) and returns what it reported.
std::string as_unprivileged(const std::function<std::string()>& body) {
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(pipe_fds[0]);
        std::string report;
        if (::geteuid() == 0 && (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)) {
            report = "cannot switch to the user nobody";
        } else {
            try {
                report = body();
            } catch (const std::exception& error) {
                report = std::string("unexpected exception: ") + error.what();
            }
        }
        const ssize_t written = ::write(pipe_fds[1], report.data(), report.size());
        ::_exit(written == static_cast<ssize_t>(report.size()) ? 0 : 1);
    }
    ::close(pipe_fds[1]);
    std::string report;
    char buffer[512];
    ssize_t got = 0;
    while ((got = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0) report.append(buffer, static_cast<std::size_t>(got));
    ::close(pipe_fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFEXITED(status));
    return report;
}

std::string unprivileged_uid() { return ::geteuid() == 0 ? "65534" : std::to_string(::geteuid()); }

TEST_CASE("the database and its -wal/-shm files are readable by the owner only, whatever the umask") {
    SqliteFixture fixture;
    const mode_t old_umask = ::umask(0);
    auto store = fixture.open();
    store->upsert(contract::sample_account("alice@example.org", "token-alice"));
    ::umask(old_umask);
    CHECK(mode_of(fixture.path) == 0600);
    CHECK(mode_of(fixture.path + "-wal") == 0600);
    CHECK(mode_of(fixture.path + "-shm") == 0600);
}

TEST_CASE("an existing database file or companion open to others is tightened to 0600") {
    SqliteFixture fixture;
    rig::write_text_file(fixture.path, "");
    REQUIRE(::chmod(fixture.path.c_str(), 0644) == 0);
    auto first = fixture.open();
    CHECK(mode_of(fixture.path) == 0600);

    first->upsert(contract::sample_account("alice@example.org", "token-alice"));
    REQUIRE(::chmod((fixture.path + "-wal").c_str(), 0666) == 0);
    REQUIRE(::chmod((fixture.path + "-shm").c_str(), 0644) == 0);
    auto second = fixture.open();  // a second gateway process, or a restart while the first lingers
    CHECK(mode_of(fixture.path + "-wal") == 0600);
    CHECK(mode_of(fixture.path + "-shm") == 0600);
    CHECK(second->find("alice@example.org").has_value());
}

TEST_CASE("the file uses the WAL journal and records the schema version") {
    SqliteFixture fixture;
    fixture.open()->upsert(contract::sample_account("alice@example.org", "token-alice"));
    CHECK(sqlite_shell(fixture.path, "PRAGMA journal_mode") == "wal");
    CHECK(sqlite_shell(fixture.path, "PRAGMA user_version") == std::to_string(latest_schema_version()));
    CHECK(sqlite_shell(fixture.path, "SELECT sip_user || '@' || sip_domain FROM sip_accounts") ==
          "alice@sip.example.com");
}

TEST_CASE("an account is on disk as soon as upsert returns: a process killed right after keeps it") {
    SqliteFixture fixture;
    fixture.open();  // created by the parent so the child only writes
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        try {
            auto store = fixture.open();
            store->upsert(contract::sample_account("alice@example.org", "token-alice"));
        } catch (...) {
            ::_exit(2);
        }
        ::_exit(0);  // no destructors, no close: like a crash
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    const auto found = fixture.open()->find("alice@example.org");
    REQUIRE(found.has_value());
    CHECK(found->contact_token == "token-alice");
}

TEST_CASE("paths that cannot hold a database give a StoreError naming the path") {
    const rig::TempDir dir("gw-store");
    rig::write_text_file(dir.file("plain-file"), "x");
    REQUIRE(::mkfifo(dir.file("fifo").c_str(), 0600) == 0);

    CHECK(open_error(dir.file("missing/accounts.db")) ==
          "account store " + dir.file("missing/accounts.db") + ": the directory " + dir.file("missing") +
              " does not exist");
    CHECK(open_error(dir.path()) == "account store " + dir.path() + ": is a directory, not a database file");
    CHECK(open_error(dir.file("plain-file/accounts.db")) ==
          "account store " + dir.file("plain-file/accounts.db") + ": a part of the path is not a directory");
    CHECK(open_error(dir.file("fifo")) == "account store " + dir.file("fifo") + ": is not a regular file");
    CHECK(open_error("") == "account store: no SQLite file given (store.path is empty)");
}

TEST_CASE("a directory the gateway's user cannot enter or write is reported as such") {
    const rig::TempDir dir("gw-store");
    const std::string locked = dir.file("locked");
    REQUIRE(::mkdir(locked.c_str(), 0) == 0);
    const std::string path = locked + "/accounts.db";
    CHECK(as_unprivileged([&] { return open_error(path); }) ==
          "account store " + path + ": permission denied: the gateway's user (uid " + unprivileged_uid() +
              ") must be able to read and write the file and its directory " + locked);

    // The file itself is writable, but SQLite could not create its -wal and -shm files.
    const std::string read_only = dir.file("read-only");
    REQUIRE(::mkdir(read_only.c_str(), 0755) == 0);
    const std::string file = read_only + "/accounts.db";
    rig::write_text_file(file, "");
    REQUIRE(::chmod(file.c_str(), 0600) == 0);
    if (::geteuid() == 0) REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);
    REQUIRE(::chmod(read_only.c_str(), 0555) == 0);
    REQUIRE(::chmod(dir.path().c_str(), 0755) == 0);
    CHECK(as_unprivileged([&] { return open_error(file); }) ==
          "account store " + file + ": the directory " + read_only + " is not writable by the gateway's user (uid " +
              unprivileged_uid() + "); SQLite needs to create " + file + "-wal and " + file + "-shm there");
    ::chmod(read_only.c_str(), 0755);
}

TEST_CASE("a file that is not a database is refused, and left as it was") {
    SqliteFixture fixture;
    std::string text;
    for (int i = 0; i < 100; ++i) text += "this is an ordinary text file, not a database\n";
    rig::write_text_file(fixture.path, text);
    CHECK(open_error(fixture.path) ==
          "account store " + fixture.path + ": the file is not an SQLite database (switching to the WAL journal)");
    CHECK(rig::read_text_file(fixture.path) == text);
}

TEST_CASE("a damaged database is reported as corrupt") {
    SqliteFixture fixture;
    {
        auto store = fixture.open();
        for (int i = 0; i < 50; ++i) {
            store->upsert(contract::sample_account("user" + std::to_string(i) + "@example.org",
                                                   "token-" + std::to_string(i)));
        }
    }
    // Keep the header (so it still looks like SQLite) and overwrite the schema page's b-tree.
    std::fstream file(fixture.path, std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(100);
    const std::string garbage(3996, '\xa5');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    file.close();
    const std::string error = open_error(fixture.path);
    CHECK(error.starts_with("account store " + fixture.path + ": the database is corrupt ("));
    CHECK(error.find("restore it from a backup") != std::string::npos);
}

TEST_CASE("a damaged data page is found when the store opens, not in the middle of a call") {
    SqliteFixture fixture;
    {
        auto store = fixture.open();
        for (int i = 0; i < 500; ++i) {
            store->upsert(contract::sample_account("user" + std::to_string(i) + "@example.org",
                                                   "token-" + std::to_string(i)));
        }
    }
    REQUIRE(rig::file_size_or_zero(fixture.path) > 8 * 4096);
    std::fstream file(fixture.path, std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(3 * 4096);  // page 4: past the header and the schema
    const std::string garbage(4096, '\xa5');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    file.close();
    const std::string error = open_error(fixture.path);
    CHECK(error.starts_with("account store " + fixture.path + ": the database is corrupt ("));
    CHECK(error.find("Page 4") != std::string::npos);
    CHECK(error.ends_with("); restore it from a backup"));
}

TEST_CASE("a schema newer than this binary is refused without touching the file") {
    SqliteFixture fixture;
    fixture.open()->upsert(contract::sample_account("alice@example.org", "token-alice"));
    sqlite_shell(fixture.path, "PRAGMA user_version = 99");
    CHECK(open_error(fixture.path) == "account store " + fixture.path +
                                          ": the schema version 99 is newer than this gateway supports (" +
                                          std::to_string(latest_schema_version()) +
                                          "); run a newer gateway or restore a backup made for this version");
    CHECK(sqlite_shell(fixture.path, "PRAGMA user_version") == "99");
    CHECK(sqlite_shell(fixture.path, "SELECT count(*) FROM sip_accounts") == "1");
}

}  // namespace
}  // namespace gw::store
