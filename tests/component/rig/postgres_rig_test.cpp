// The rig's PostgreSQL: starts, answers queries over TCP, and is gone after its scope.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/rig/postgres_server.hpp"
#include "tests/rig/process.hpp"

namespace rig = gw::rig;
using namespace std::chrono_literals;

TEST_CASE("PostgreSQL starts on a free port and runs a query") {
  std::uint16_t port = 0;
  std::string log_path;
  {
    rig::PostgresServer postgres;
    port = postgres.port();
    log_path = postgres.log_path();
    CHECK(postgres.conninfo() == "host=127.0.0.1 port=" + std::to_string(port) + " user=gw dbname=postgres");

    const auto select = rig::run_command({.argv = {"psql", postgres.conninfo(), "-XtAc", "select 1 + 1"}});
    CHECK_MESSAGE(select.status == 0, select.output);
    CHECK(select.output == "2\n");

    const auto create = rig::run_command(
        {.argv = {"psql", postgres.conninfo(), "-XtAc", "create table t (v text); insert into t values ('kept');"
                                                         "select v from t"}});
    CHECK_MESSAGE(create.status == 0, create.output);
    CHECK(create.output.find("kept") != std::string::npos);
  }
  CHECK_FALSE(rig::wait_for_tcp_port(port, 100ms));
  CHECK_FALSE(std::filesystem::exists(log_path));
}
