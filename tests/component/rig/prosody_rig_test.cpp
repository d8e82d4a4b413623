// The rig's Prosody: users log in with XmppTestClient and talk to each other, the component
// port accepts the configured secret, websocket is served, and restarts keep ports and data.
#include <doctest/doctest.h>


#include <stdexcept>

#include "tests/rig/prosody_server.hpp"
#include "tests/rig/component_handshake.hpp"
#include "tests/rig/tcp_test_client.hpp"
#include "tests/rig/xmpp_test_client.hpp"

namespace rig = gw::rig;
using namespace std::chrono_literals;

namespace {

bool is_chat_body(const rig::Stanza& s, std::string_view body) {
  return s.name() == "message" && s.child("body") != nullptr && s.child("body")->text() == body;
}


}  // namespace

TEST_CASE("two users of the rig's Prosody exchange a message and an IQ") {
  rig::ProsodyServer prosody({.users = {{"alice", "alice-pw"}, {"bob", "bob-pw"}}});
  rig::XmppTestClient alice("alice@localhost", "alice-pw", "127.0.0.1", prosody.c2s_port());
  rig::XmppTestClient bob("bob@localhost", "bob-pw", "127.0.0.1", prosody.c2s_port());
  REQUIRE_MESSAGE(alice.connect(), alice.last_error());
  REQUIRE_MESSAGE(bob.connect(), bob.last_error());
  CHECK(alice.full_jid().starts_with("alice@localhost/"));
  bob.send_presence();

  alice.send("<message to='bob@localhost' type='chat' id='m1'><body>hello bob</body></message>");
  const auto message = bob.wait_for([](const rig::Stanza& s) { return is_chat_body(s, "hello bob"); });
  REQUIRE(message);
  CHECK(message->attr("from") == alice.full_jid());

  // An IQ answered by the server itself, matched by id.
  const std::string id = alice.next_id();
  alice.send("<iq type='get' to='localhost' id='" + id + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
  const auto result = alice.wait_for_id(id);
  REQUIRE(result);
  CHECK(result->attr("type") == "result");
  CHECK(result->child("query", "http://jabber.org/protocol/disco#info") != nullptr);
}

TEST_CASE("XmppTestClient keeps stanzas that did not match an earlier wait") {
  rig::ProsodyServer prosody({.users = {{"alice", "a"}, {"bob", "b"}}});
  rig::XmppTestClient alice("alice@localhost", "a", "127.0.0.1", prosody.c2s_port());
  rig::XmppTestClient bob("bob@localhost", "b", "127.0.0.1", prosody.c2s_port());
  REQUIRE(alice.connect());
  REQUIRE(bob.connect());
  bob.send_presence();
  alice.send("<message to='bob@localhost' type='chat'><body>one</body></message>");
  alice.send("<message to='bob@localhost' type='chat'><body>two</body></message>");
  const auto second = bob.wait_for([](const rig::Stanza& s) { return is_chat_body(s, "two"); });
  REQUIRE(second);
  const auto first = bob.wait_for([](const rig::Stanza& s) { return is_chat_body(s, "one"); }, 100ms);
  CHECK(first.has_value());
  CHECK_FALSE(bob.wait_for([](const rig::Stanza& s) { return is_chat_body(s, "one"); }, 100ms).has_value());
}

TEST_CASE("a wrong password does not log in and says why") {
  rig::ProsodyServer prosody({.users = {{"alice", "right"}}});
  rig::XmppTestClient alice("alice@localhost", "wrong", "127.0.0.1", prosody.c2s_port());
  CHECK_FALSE(alice.connect(5s));
  CHECK_FALSE(alice.connected());
  CHECK_FALSE(alice.last_error().empty());
  CHECK_THROWS_AS(alice.send("<presence/>"), std::logic_error);
}

TEST_CASE("Prosody restarts on the same ports and keeps its users") {
  rig::ProsodyServer prosody({.users = {{"alice", "alice-pw"}}});
  const auto port = prosody.c2s_port();
  rig::XmppTestClient alice("alice@localhost", "alice-pw", "127.0.0.1", port);
  REQUIRE(alice.connect());

  prosody.stop();
  CHECK_FALSE(prosody.running());
  // The client notices the server going away.
  CHECK_FALSE(alice.wait_for([](const rig::Stanza&) { return false; }, 5s).has_value());
  CHECK_FALSE(alice.connected());
  CHECK_FALSE(alice.connect(2s));

  prosody.start();
  CHECK(prosody.c2s_port() == port);
  REQUIRE_MESSAGE(alice.connect(), alice.last_error());

  // A crash (SIGKILL) and a start again; users added meanwhile can log in too.
  prosody.kill();
  prosody.add_user("carol", "carol-pw");
  prosody.start();
  rig::XmppTestClient carol("carol@localhost", "carol-pw", "127.0.0.1", port);
  REQUIRE_MESSAGE(carol.connect(), carol.last_error());
  REQUIRE_MESSAGE(alice.connect(), alice.last_error());
  carol.send_presence();
  alice.send("<message to='carol@localhost' type='chat'><body>after the crash</body></message>");
  CHECK(carol.wait_for([](const rig::Stanza& s) { return is_chat_body(s, "after the crash"); }).has_value());
}

TEST_CASE("the component port accepts the configured secret and routes the component's stanzas") {
  rig::ProsodyServer prosody({.component = "gw.localhost", .component_secret = "s3cret", .users = {{"alice", "a"}}});
  rig::TcpTestClient link(prosody.component_port());
  CHECK(rig::component_handshake(link, "gw.localhost", "s3cret").find("<handshake") != std::string::npos);

  rig::XmppTestClient alice("alice@localhost", "a", "127.0.0.1", prosody.c2s_port());
  REQUIRE(alice.connect());
  alice.send("<message to='bob%example.org@gw.localhost' type='chat'><body>to the gateway</body></message>");
  const auto routed = link.read_until("to the gateway");
  REQUIRE(routed);
  CHECK(routed->find("bob%example.org@gw.localhost") != std::string::npos);

  rig::TcpTestClient intruder(prosody.component_port());
  const std::string refused = rig::component_handshake(intruder, "gw.localhost", "wrong");
  CHECK(refused.find("<handshake") == std::string::npos);
}

TEST_CASE("websocket is served on the http port when asked for") {
  rig::ProsodyServer plain({});
  CHECK(plain.http_port() == 0);

  rig::ProsodyServer prosody({.websocket = true});
  REQUIRE(prosody.http_port() != 0);
  rig::TcpTestClient http(prosody.http_port());
  http.send("GET /xmpp-websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Protocol: xmpp\r\n\r\n");
  const auto response = http.read_until("\r\n\r\n");
  REQUIRE(response);
  CHECK(response->starts_with("HTTP/1.1 101"));
  CHECK(response->find("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") != std::string::npos);  // RFC 6455's example key
}

TEST_CASE("ProsodyServer rejects a user name it cannot register") {
  rig::ProsodyServer prosody({});
  CHECK_THROWS_AS(prosody.add_user("a b", "pw"), std::invalid_argument);
  CHECK_THROWS_AS(prosody.add_user("", "pw"), std::invalid_argument);
}
