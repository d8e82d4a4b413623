#include "tests/rig/postgres_server.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "tests/rig/ports.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/text_file.hpp"

namespace gw::rig {
namespace {

constexpr const char* server_user = "postgres";
constexpr auto start_timeout = std::chrono::seconds(30);

void give_to_server_user(const std::string& dir) {
  const passwd* entry = ::getpwnam(server_user);
  if (entry == nullptr) throw std::runtime_error("PostgresServer: no '" + std::string(server_user) + "' user");
  if (::chown(dir.c_str(), entry->pw_uid, entry->pw_gid) != 0) {
    throw std::runtime_error("PostgresServer: chown " + dir + ": " + std::strerror(errno) +
                             " (running PostgreSQL as the postgres user needs root)");
  }
}

}  // namespace

std::string postgres_bin_dir() {
  if (const char* dir = std::getenv("GW_PG_BINDIR"); dir != nullptr && *dir != '\0') return dir;
  std::filesystem::path best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename().string();
    char* end = nullptr;
    const long version = std::strtol(name.c_str(), &end, 10);
    if (end == name.c_str() || *end != '\0') continue;
    if (std::filesystem::exists(entry.path() / "bin" / "postgres") && version > best_version) {
      best_version = static_cast<int>(version);
      best = entry.path() / "bin";
    }
  }
  if (best_version < 0) {
    throw std::runtime_error("no PostgreSQL server under /usr/lib/postgresql (scripts/install-deps installs it)");
  }
  return best.string();
}

PostgresServer::PostgresServer() : port_(free_port()) {
  const std::string bin = postgres_bin_dir();
  const std::string data = dir_.file("data");
  log_path_ = dir_.file("postgres.log");
  give_to_server_user(dir_.path());

  // --no-sync and fsync=off: a test database never needs to survive a power cut.
  const auto init = run_command({.argv = {bin + "/initdb", "-D", data, "-A", "trust", "-U", "gw", "-E", "UTF8",
                                          "--no-locale", "--no-sync"},
                                 .cwd = dir_.path(),
                                 .user = server_user},
                                std::chrono::seconds(60));
  if (init.status != 0) {
    throw std::runtime_error("PostgresServer: initdb failed (status " + std::to_string(init.status) + "):\n" +
                             last_lines(init.output));
  }
  process_ = std::make_unique<Process>(ProcessOptions{
      .argv = {bin + "/postgres", "-D", data, "-p", std::to_string(port_), "-k", dir_.path(), "-c",
               "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off"},
      .log_file = log_path_,
      .cwd = dir_.path(),
      .user = server_user});
  wait_until_ready(
      *process_, "PostgreSQL",
      [&] { return process_->log().find("database system is ready to accept connections") != std::string::npos; },
      start_timeout);
}

PostgresServer::~PostgresServer() {
  // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to disconnect.
  process_->signal(SIGINT);
  process_->wait_exit(std::chrono::seconds(10));
  // Process's destructor SIGKILLs whatever is left; then the TempDir goes.
}

std::string PostgresServer::conninfo() const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=gw dbname=postgres";
}

}  // namespace gw::rig
