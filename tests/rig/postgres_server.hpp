#pragma once
// A private PostgreSQL 15 on 127.0.0.1 for one test: initdb in a temp dir, trust auth for the
// superuser "gw", the server run in the foreground as the "postgres" user (it refuses root).

#include <cstdint>
#include <memory>
#include <string>

#include "tests/rig/temp_dir.hpp"

namespace gw::rig {

class Process;

class PostgresServer {
 public:
  // initdb + start on a free port; returns once connections are accepted.
  // Throws std::runtime_error (reason + log tail) if it does not start.
  PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  ~PostgresServer();  // fast shutdown (SIGINT), SIGKILL if it hangs; the data is removed

  // "host=127.0.0.1 port=N user=gw dbname=postgres" (no password: trust auth)
  std::string conninfo() const;
  std::uint16_t port() const { return port_; }
  const std::string& log_path() const { return log_path_; }

 private:
  TempDir dir_{"gw-postgres"};
  std::uint16_t port_;
  std::string log_path_;
  std::unique_ptr<Process> process_;
};

// Directory of the PostgreSQL server binaries: $GW_PG_BINDIR, else the newest
// /usr/lib/postgresql/<version>/bin. Throws std::runtime_error if there is none.
std::string postgres_bin_dir();

}  // namespace gw::rig
