// The rig's building blocks: temporary directories, ports, child processes, stanzas and the
// generated server configurations.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "tests/rig/ejabberd_config.hpp"
#include "tests/rig/kamailio_config.hpp"
#include "tests/rig/ports.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/prosody_config.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/stanza.hpp"
#include "tests/rig/temp_dir.hpp"
#include "tests/rig/text_file.hpp"

namespace rig = gw::rig;
using namespace std::chrono_literals;

namespace {

// A socket bound to 127.0.0.1:port (TCP sockets also listen), closed at scope end.
class BoundSocket {
 public:
  BoundSocket(int type, std::uint16_t port) : fd_(::socket(AF_INET, type, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok_ = fd_ >= 0 && ::bind(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0 &&
          (type != SOCK_STREAM || ::listen(fd_, 4) == 0);
  }
  BoundSocket(const BoundSocket&) = delete;
  BoundSocket& operator=(const BoundSocket&) = delete;
  ~BoundSocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return ok_; }

 private:
  int fd_;
  bool ok_ = false;
};

// Alive means: exists and is not a zombie waiting for whoever adopted it.
bool process_alive(pid_t pid) {
  if (::kill(pid, 0) != 0) return false;
  const std::string stat = rig::read_text_file("/proc/" + std::to_string(pid) + "/stat");
  const auto paren = stat.rfind(')');
  return paren == std::string::npos || stat.compare(paren, 3, ") Z") != 0;
}

}  // namespace

TEST_CASE("TempDir creates a private directory and removes it with its content") {
  std::string path;
  {
    rig::TempDir dir("gw-rig-test");
    path = dir.path();
    CHECK(std::filesystem::is_directory(path));
    CHECK(std::filesystem::path(path).filename().string().starts_with("gw-rig-test-"));
    CHECK((std::filesystem::status(path).permissions() & std::filesystem::perms::others_all) ==
          std::filesystem::perms::none);
    CHECK(dir.file("a.txt") == path + "/a.txt");
    std::filesystem::create_directory(dir.file("sub"));
    rig::write_text_file(dir.file("sub/b.txt"), "content");
  }
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("TempDir is kept when GW_KEEP_TEST_DIRS is set") {
  std::string path;
  ::setenv("GW_KEEP_TEST_DIRS", "1", 1);
  {
    rig::TempDir dir;
    path = dir.path();
  }
  ::unsetenv("GW_KEEP_TEST_DIRS");
  CHECK(std::filesystem::is_directory(path));
  std::filesystem::remove_all(path);
}

TEST_CASE("TempDir rejects a prefix with a slash") { CHECK_THROWS_AS(rig::TempDir("a/b"), std::invalid_argument); }

TEST_CASE("free_port hands out distinct ports that are free for TCP and UDP") {
  std::set<std::uint16_t> seen;
  for (int i = 0; i < 20; ++i) {
    const auto port = rig::free_port();
    CHECK(seen.insert(port).second);
    CHECK(port >= 20000);
    const BoundSocket tcp(SOCK_STREAM, port);
    const BoundSocket udp(SOCK_DGRAM, port);
    CHECK(tcp.ok());
    CHECK(udp.ok());
  }
}

TEST_CASE("free_port_block hands out runs of consecutive free ports that free_port then avoids") {
  std::set<std::uint16_t> block;
  const auto first = rig::free_port_block(5);
  for (std::uint16_t port = first; port < first + 5; ++port) {
    block.insert(port);
    const BoundSocket tcp(SOCK_STREAM, port);
    const BoundSocket udp(SOCK_DGRAM, port);
    CHECK(tcp.ok());
    CHECK(udp.ok());
  }
  for (int i = 0; i < 50; ++i) CHECK_FALSE(block.contains(rig::free_port()));
  const auto second = rig::free_port_block(5);
  CHECK((second + 5 <= first || second >= first + 5));
  CHECK_THROWS_AS(rig::free_port_block(0), std::invalid_argument);
  CHECK_THROWS_AS(rig::free_port_block(1001), std::invalid_argument);
}

TEST_CASE("port_is_bound sees a bound UDP socket and forgets it once closed") {
  const auto port = rig::free_port();
  CHECK_FALSE(rig::port_is_bound(port));
  {
    const BoundSocket udp(SOCK_DGRAM, port);
    REQUIRE(udp.ok());
    CHECK(rig::port_is_bound(port));
  }
  CHECK_FALSE(rig::port_is_bound(port));
}

TEST_CASE("wait_for_tcp_port succeeds for a listening port and times out for a closed one") {
  const auto port = rig::free_port();
  CHECK_FALSE(rig::wait_for_tcp_port(port, 50ms));
  const BoundSocket listener(SOCK_STREAM, port);
  REQUIRE(listener.ok());
  CHECK(rig::wait_for_tcp_port(port, 1s));
}

TEST_CASE("Process writes stdout and stderr to its log and reports its exit code") {
  rig::TempDir dir;
  rig::Process p({.argv = {"sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 3"}, .log_file = dir.file("log")});
  CHECK(p.pid() > 0);
  CHECK(p.wait_exit(5s) == 3);
  CHECK_FALSE(p.running());
  CHECK(p.log() == "to-stdout\nto-stderr\n");
  CHECK(p.stop() == 3);  // stopping an exited process just reports its status
}

TEST_CASE("Process passes extra environment and working directory") {
  rig::TempDir dir;
  rig::Process p({.argv = {"sh", "-c", "echo \"$GW_RIG_VALUE\"; pwd"},
                  .env_extra = {"GW_RIG_VALUE=from the test"},
                  .log_file = dir.file("log"),
                  .cwd = dir.path()});
  REQUIRE(p.wait_exit(5s) == 0);
  CHECK(p.log() == "from the test\n" + std::filesystem::canonical(dir.path()).string() + "\n");
}

TEST_CASE("Process::log shows only what this run wrote to a shared log file") {
  rig::TempDir dir;
  {
    rig::Process first({.argv = {"echo", "first run"}, .log_file = dir.file("log")});
    REQUIRE(first.wait_exit(5s) == 0);
  }
  rig::Process second({.argv = {"echo", "second run"}, .log_file = dir.file("log")});
  REQUIRE(second.wait_exit(5s) == 0);
  CHECK(second.log() == "second run\n");
  CHECK(rig::read_text_file(dir.file("log")) == "first run\nsecond run\n");
}

TEST_CASE("Process::wait_for_log finds a line, and gives up early when the process exits") {
  rig::TempDir dir;
  rig::Process ready({.argv = {"sh", "-c", "sleep 0.1; echo server ready; sleep 30"}, .log_file = dir.file("a")});
  CHECK(ready.wait_for_log("server ready", 5s));
  CHECK(ready.running());

  rig::Process quits({.argv = {"sh", "-c", "echo something else"}, .log_file = dir.file("b")});
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(quits.wait_for_log("server ready", 10s));
  CHECK(std::chrono::steady_clock::now() - start < 5s);
}

TEST_CASE("Process::stop sends SIGTERM and escalates to SIGKILL after the grace period") {
  rig::TempDir dir;
  rig::Process polite({.argv = {"sleep", "30"}});
  CHECK(polite.running());
  CHECK(polite.stop() == 128 + SIGTERM);
  CHECK_FALSE(polite.running());

  rig::Process stubborn(
      {.argv = {"sh", "-c", "trap '' TERM; echo trapped; while :; do sleep 0.05; done"}, .log_file = dir.file("log")});
  REQUIRE(stubborn.wait_for_log("trapped", 5s));
  CHECK(stubborn.stop(200ms) == 128 + SIGKILL);
}

TEST_CASE("Process::signal delivers a signal and wait_exit reports it") {
  rig::Process p({.argv = {"sleep", "30"}});
  CHECK_FALSE(p.wait_exit(20ms).has_value());
  p.signal(SIGINT);
  CHECK(p.wait_exit(5s) == 128 + SIGINT);
}

TEST_CASE("Destroying a Process kills the processes it started too") {
  rig::TempDir dir;
  pid_t grandchild = 0;
  {
    rig::Process p({.argv = {"sh", "-c", "sleep 30 & echo $!; wait"}, .log_file = dir.file("log")});
    REQUIRE(rig::poll_until([&] { return p.log().find('\n') != std::string::npos; }, 5s));
    grandchild = static_cast<pid_t>(std::stol(p.log()));
    CHECK(process_alive(grandchild));
  }
  CHECK(rig::poll_until([&] { return !process_alive(grandchild); }, 5s));
}

TEST_CASE("Process reports a program that cannot be started") {
  CHECK_THROWS_WITH_AS(rig::Process({.argv = {"gw-no-such-program"}}), doctest::Contains("not found in PATH"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(rig::Process({.argv = {"/nonexistent/program"}}), doctest::Contains("execve"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(rig::Process({.argv = {"true"}, .cwd = "/nonexistent/dir"}), doctest::Contains("chdir"),
                       std::runtime_error);
  CHECK_THROWS_AS(rig::Process({.argv = {}}), std::invalid_argument);
}

TEST_CASE("run_command captures output and status, and kills what overstays its timeout") {
  const auto result = rig::run_command({.argv = {"sh", "-c", "echo out; echo err >&2; exit 2"}});
  CHECK(result.status == 2);
  CHECK(result.output == "out\nerr\n");

  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH_AS(rig::run_command({.argv = {"sleep", "30"}}, 100ms), doctest::Contains("did not finish"),
                       std::runtime_error);
  CHECK(std::chrono::steady_clock::now() - start < 5s);
}

TEST_CASE("run_command runs as another user") {
  const auto result = rig::run_command({.argv = {"id", "-un"}, .user = "postgres"});
  CHECK(result.status == 0);
  CHECK(result.output == "postgres\n");
  CHECK_THROWS_WITH_AS(rig::run_command({.argv = {"id"}, .user = "gw-no-such-user"}), doctest::Contains("unknown user"),
                       std::runtime_error);
}

TEST_CASE("last_lines keeps the tail of a log") {
  CHECK(rig::last_lines("a\nb\nc\n", 2) == "b\nc\n");
  CHECK(rig::last_lines("a\nb\nc", 2) == "b\nc");
  CHECK(rig::last_lines("a\nb\n", 5) == "a\nb\n");
  CHECK(rig::last_lines("", 3).empty());
}

TEST_CASE("Stanza keeps names, attributes, namespaces and text of a parsed element") {
  const auto stanza = rig::Stanza::parse(
      "<message from='alice@localhost/phone' to='bob@localhost' type='chat' xml:lang='en'>"
      "<body>fish &amp; chips</body><x xmlns='urn:example:x'><y a='1'/></x></message>");
  REQUIRE(stanza);
  CHECK(stanza->name() == "message");
  CHECK(stanza->attr("from") == "alice@localhost/phone");
  CHECK(stanza->attr("missing").empty());
  CHECK_FALSE(stanza->has_attr("missing"));
  CHECK(stanza->attr("lang") == "en");
  REQUIRE(stanza->child("body") != nullptr);
  CHECK(stanza->child("body")->text() == "fish & chips");
  CHECK(stanza->child("x", "urn:example:other") == nullptr);
  const auto* x = stanza->child("x", "urn:example:x");
  REQUIRE(x != nullptr);
  REQUIRE(x->child("y") != nullptr);
  CHECK(x->child("y")->ns() == "urn:example:x");  // inherited
  CHECK(x->child("y")->attr("a") == "1");
  CHECK(stanza->children().size() == 2);
}

TEST_CASE("Stanza::to_string writes XML that parses back to the same stanza") {
  const auto stanza = rig::Stanza::parse(
      "<iq type='set' id='a&quot;1'><query xmlns='jabber:iq:register'><x xmlns='jabber:x:data'>"
      "<field var='password'><value>&lt;secret&gt;</value></field></x></query></iq>");
  REQUIRE(stanza);
  const std::string xml = stanza->to_string();
  CHECK(xml.find("xmlns=\"jabber:iq:register\"") != std::string::npos);
  CHECK(xml.find("&lt;secret&gt;") != std::string::npos);
  const auto again = rig::Stanza::parse(xml);
  REQUIRE(again);
  CHECK(again->to_string() == xml);
  CHECK(again->attr("id") == "a\"1");
}

TEST_CASE("Stanza::parse rejects malformed XML") {
  CHECK_FALSE(rig::Stanza::parse("<message><body>unclosed</message>").has_value());
  CHECK_FALSE(rig::Stanza::parse("not xml").has_value());
}

TEST_CASE("Prosody configuration quotes Lua strings and enables what was asked for") {
  CHECK(rig::lua_quote("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
  rig::ProsodyOptions options;
  options.component_secret = "se\"cret";
  options.websocket = true;
  const std::string text = rig::prosody_config_text(
      options, {.data_dir = "/d", .certs_dir = "/c", .pid_file = "/p", .c2s_port = 21001, .component_port = 21002,
                .http_port = 21003});
  CHECK(text.find("c2s_ports = { 21001 }") != std::string::npos);
  CHECK(text.find("component_ports = { 21002 }") != std::string::npos);
  CHECK(text.find("http_ports = { 21003 }") != std::string::npos);
  CHECK(text.find("\"websocket\"") != std::string::npos);
  CHECK(text.find("network_settings = { nagle = false }") != std::string::npos);
  CHECK(text.find("component_secret = \"se\\\"cret\"") != std::string::npos);
}

TEST_CASE("ejabberd configuration: c2s and websocket also on extra interfaces, the component on loopback only") {
  rig::EjabberdOptions options;
  options.websocket = true;
  options.extra_interfaces = {"10.77.0.1"};
  const std::string text = rig::ejabberd_config_text(
      options, {.node = "n@localhost", .pid_file = "/p", .erl_wrapper = "/w", .c2s_port = 22001,
                .component_port = 22002, .http_port = 22003, .dist_port = 22004});
  for (const char* ip : {"127.0.0.1", "10.77.0.1"}) {
    CHECK(text.find("  - port: 22001\n    ip: \"" + std::string(ip) + "\"\n    module: ejabberd_c2s") != std::string::npos);
    CHECK(text.find("  - port: 22003\n    ip: \"" + std::string(ip) + "\"\n    module: ejabberd_http") != std::string::npos);
  }
  CHECK(text.find("  - port: 22002\n    ip: \"127.0.0.1\"\n    module: ejabberd_service") != std::string::npos);
  CHECK(text.find("ip: \"10.77.0.1\"\n    module: ejabberd_service") == std::string::npos);
}

TEST_CASE("Kamailio configuration refuses values it cannot write safely") {
  const rig::KamailioLayout layout{.port = 21000, .ctl_address = "unix:/tmp/x/ctl"};
  CHECK_NOTHROW(rig::kamailio_config_text({.users = {{"alice", "pa ss:w0rd!"}}}, layout));
  CHECK_THROWS_AS(rig::kamailio_config_text({.users = {{"alice", "quote\""}}}, layout), std::invalid_argument);
  CHECK_THROWS_AS(rig::kamailio_config_text({.users = {{"al ice", "pw"}}}, layout), std::invalid_argument);
  CHECK_THROWS_AS(rig::kamailio_config_text({.users = {{"", "pw"}}}, layout), std::invalid_argument);
  CHECK_THROWS_AS(rig::kamailio_config_text({.domain = "a;b"}, layout), std::invalid_argument);
  const std::string open = rig::kamailio_config_text({}, layout);
  CHECK(open.find("listen=udp:127.0.0.1:21000") != std::string::npos);
  CHECK(open.find("listen=tcp:127.0.0.1:21000") != std::string::npos);
  CHECK(open.find("auth.so") == std::string::npos);
  CHECK(open.find("alias=") == std::string::npos);

  const std::string guarded = rig::kamailio_config_text({.domain = "example.org", .users = {{"bob", "pw"}}}, layout);
  CHECK(guarded.find("alias=\"example.org\"") != std::string::npos);
  CHECK(guarded.find("$sht(users=>bob) = \"pw\";") != std::string::npos);
  CHECK(guarded.find("www_challenge(\"example.org\", \"0\")") != std::string::npos);
  CHECK(guarded.find("proxy_challenge(\"example.org\", \"0\")") != std::string::npos);
  CHECK(guarded.find("@REALM@") == std::string::npos);
}
