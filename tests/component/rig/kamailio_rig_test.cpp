// The rig's Kamailio with sipp peers: registration with and without digest auth, a call through
// the proxy to a static contact, proxy auth on INVITE, restarts.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/rig/kamailio_server.hpp"
#include "tests/rig/sipp.hpp"

namespace rig = gw::rig;
using namespace std::chrono_literals;

namespace {

std::string address_of(const rig::KamailioServer& kamailio) {
  return "127.0.0.1:" + std::to_string(kamailio.port());
}

std::size_t count(const std::string& text, std::string_view needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

// Runs a one-shot sipp client against Kamailio and returns it once it has finished.
std::unique_ptr<rig::Sipp> run_client(const rig::KamailioServer& kamailio, const std::string& scenario,
                                      std::vector<std::string> args) {
  args.insert(args.begin(), {"-m", "1"});
  auto sipp = std::make_unique<rig::Sipp>(
      rig::SippOptions{.scenario = scenario, .remote = address_of(kamailio), .extra_args = std::move(args)});
  REQUIRE_MESSAGE(sipp->wait_exit(20s).has_value(), sipp->output());
  return sipp;
}

}  // namespace

TEST_CASE("Kamailio without auth registers users over UDP and TCP and lists their contacts") {
  rig::KamailioServer kamailio({});
  CHECK(kamailio.contacts("carol").empty());

  const auto udp = run_client(kamailio, rig::sipp_scenario("register"), {"-s", "carol"});
  CHECK_MESSAGE(udp->wait_exit(0ms) == 0, udp->messages_log());
  const auto contacts = kamailio.contacts("carol");
  REQUIRE(contacts.size() == 1);
  CHECK(contacts[0].starts_with("sip:carol@127.0.0.1:" + std::to_string(udp->port())));

  const auto tcp = run_client(kamailio, rig::sipp_scenario("register"), {"-s", "dave", "-t", "t1"});
  CHECK_MESSAGE(tcp->wait_exit(0ms) == 0, tcp->messages_log());
  REQUIRE(kamailio.contacts("dave").size() == 1);
  CHECK(kamailio.contacts("dave")[0].find("transport=TCP") != std::string::npos);
}

TEST_CASE("Kamailio with users demands digest auth for REGISTER") {
  rig::KamailioServer kamailio({.users = {{"alice", "alice-pw"}, {"bob", "bob-pw"}}});

  const auto right = run_client(kamailio, rig::sipp_scenario("register_digest"),
                                {"-s", "alice", "-au", "alice", "-ap", "alice-pw"});
  CHECK_MESSAGE(right->wait_exit(0ms) == 0, right->messages_log());
  CHECK(right->messages_log().find("SIP/2.0 401 Unauthorized") != std::string::npos);
  CHECK(right->messages_log().find("WWW-Authenticate: Digest realm=\"127.0.0.1\"") != std::string::npos);
  CHECK(right->messages_log().find("Authorization: Digest") != std::string::npos);
  CHECK(kamailio.contacts("alice").size() == 1);

  // Wrong password: challenged again, sipp counts the call as failed, nothing is registered.
  const auto wrong = run_client(kamailio, rig::sipp_scenario("register_digest"),
                                {"-s", "bob", "-au", "bob", "-ap", "not-bobs-password"});
  CHECK(wrong->wait_exit(0ms) != 0);
  CHECK(count(wrong->messages_log(), "SIP/2.0 401 Unauthorized") >= 2);
  CHECK(kamailio.contacts("bob").empty());

  // Without credentials at all.
  const auto none = run_client(kamailio, rig::sipp_scenario("register"), {"-s", "bob"});
  CHECK(none->wait_exit(0ms) != 0);
  CHECK(kamailio.contacts("bob").empty());

  // Users Kamailio has no password for register freely.
  const auto stranger = run_client(kamailio, rig::sipp_scenario("register"), {"-s", "erin"});
  CHECK(stranger->wait_exit(0ms) == 0);
  CHECK(kamailio.contacts("erin").size() == 1);
}

TEST_CASE("a call from a sipp UAC reaches a sipp UAS through Kamailio via a static contact") {
  rig::KamailioServer kamailio({});
  rig::Sipp uas({.scenario = "uas", .extra_args = {"-m", "1"}});
  const std::string contact = "sip:bob@127.0.0.1:" + std::to_string(uas.port());
  kamailio.add_static_contact("bob", contact);
  CHECK(kamailio.contacts("bob") == std::vector<std::string>{contact});

  const auto uac = run_client(kamailio, rig::sipp_scenario("call_via_proxy"), {"-s", "bob"});
  CHECK_MESSAGE(uac->wait_exit(0ms) == 0, uac->messages_log());
  REQUIRE(uas.wait_exit(10s) == 0);
  const std::string seen = uas.messages_log();
  CHECK(seen.find("INVITE " + contact) != std::string::npos);  // the R-URI became the contact
  CHECK(seen.find("Record-Route: <sip:" + address_of(kamailio)) != std::string::npos);
  CHECK(seen.find("BYE sip:") != std::string::npos);
}

TEST_CASE("a call to a user nobody registered gets 404") {
  rig::KamailioServer kamailio({});
  const auto uac = run_client(kamailio, "uac", {"-s", "nobody"});
  CHECK(uac->wait_exit(0ms) != 0);
  CHECK(uac->messages_log().find("SIP/2.0 404 Not Found") != std::string::npos);
}

TEST_CASE("an INVITE from a user with a password is challenged with 407") {
  rig::KamailioServer kamailio({.users = {{"alice", "alice-pw"}}});
  rig::Sipp uas({.scenario = rig::sipp_scenario("answer"), .extra_args = {"-m", "1"}});
  kamailio.add_static_contact("bob", "sip:bob@127.0.0.1:" + std::to_string(uas.port()));

  const auto wrong = run_client(kamailio, rig::sipp_scenario("call_via_proxy_digest"),
                                {"-s", "bob", "-key", "caller", "alice", "-au", "alice", "-ap", "wrong"});
  CHECK(wrong->wait_exit(0ms) != 0);
  CHECK(count(wrong->messages_log(), "SIP/2.0 407 Proxy Authentication Required") >= 2);
  CHECK(uas.messages_log().find("INVITE") == std::string::npos);

  const auto right = run_client(kamailio, rig::sipp_scenario("call_via_proxy_digest"),
                                {"-s", "bob", "-key", "caller", "alice", "-au", "alice", "-ap", "alice-pw"});
  CHECK_MESSAGE(right->wait_exit(0ms) == 0, right->messages_log());
  CHECK(right->messages_log().find("Proxy-Authorization: Digest") != std::string::npos);
  REQUIRE(uas.wait_exit(10s) == 0);
  CHECK(uas.messages_log().find("BYE sip:") != std::string::npos);
  // The credentials were for Kamailio: it does not pass them on.
  CHECK(uas.messages_log().find("Proxy-Authorization") == std::string::npos);
}

TEST_CASE("Kamailio restarts on the same port with an empty location table") {
  rig::KamailioServer kamailio({});
  const auto port = kamailio.port();
  run_client(kamailio, rig::sipp_scenario("register"), {"-s", "carol"});
  REQUIRE(kamailio.contacts("carol").size() == 1);

  kamailio.stop();
  CHECK_FALSE(kamailio.running());
  CHECK_THROWS_AS(kamailio.contacts("carol"), std::logic_error);
  kamailio.start();
  CHECK(kamailio.port() == port);
  CHECK(kamailio.contacts("carol").empty());
  const auto again = run_client(kamailio, rig::sipp_scenario("register"), {"-s", "carol"});
  CHECK(again->wait_exit(0ms) == 0);
  CHECK(kamailio.contacts("carol").size() == 1);
}

TEST_CASE("sipp_scenario names the rig's scenarios and rejects others") {
  CHECK(rig::sipp_scenario("register").ends_with("/scenarios/register.xml"));
  CHECK_THROWS_AS(rig::sipp_scenario("no_such_scenario"), std::invalid_argument);
  CHECK_THROWS_AS(rig::sipp_scenario("../rig/meson"), std::invalid_argument);
  CHECK_THROWS_AS(rig::Sipp({.scenario = "/nonexistent.xml"}), std::invalid_argument);
}
