// The rig's ejabberd: users log in with XmppTestClient and talk to each other, the component
// port accepts the configured secret and routes to the component, websocket is served, no epmd
// is involved, and the server stops cleanly and restarts on the same ports with its users.
#include <doctest/doctest.h>


#include <stdexcept>

#include "tests/rig/ejabberd_config.hpp"
#include "tests/rig/ejabberd_server.hpp"
#include "tests/rig/process.hpp"
#include "tests/rig/component_handshake.hpp"
#include "tests/rig/tcp_test_client.hpp"
#include "tests/rig/text_file.hpp"
#include "tests/rig/xmpp_test_client.hpp"

namespace rig = gw::rig;
using namespace std::chrono_literals;

namespace {

// Erlang's port mapper daemon: started by any Erlang node that is not told otherwise, and left
// running (as a daemon, outside the rig's process groups) when the node stops.
bool epmd_running() { return rig::run_command({.argv = {"pgrep", "-x", "epmd"}}).status == 0; }

bool is_chat_body(const rig::Stanza& s, std::string_view body) {
  return s.name() == "message" && s.child("body") != nullptr && s.child("body")->text() == body;
}



}  // namespace

TEST_CASE("users of the rig's ejabberd talk to each other and to the component; websocket is served") {
  const bool epmd_was_running = epmd_running();
  rig::EjabberdServer ejabberd({.component = "gw.localhost",
                                .component_secret = "s3cret",
                                .users = {{"alice", "alice-pw"}, {"bob", "bob-pw"}},
                                .websocket = true});
  rig::XmppTestClient alice("alice@localhost", "alice-pw", "127.0.0.1", ejabberd.c2s_port());
  rig::XmppTestClient bob("bob@localhost", "bob-pw", "127.0.0.1", ejabberd.c2s_port());
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

  // No server-to-server traffic: a message for another domain bounces at once.
  alice.send("<message to='someone@example.org' type='chat' id='far'><body>far away</body></message>");
  const auto bounce = alice.wait_for([](const rig::Stanza& s) { return s.name() == "message" && s.attr("id") == "far"; });
  REQUIRE(bounce);
  CHECK(bounce->attr("type") == "error");

  // One server for the rest (doctest would run the whole case again for each SUBCASE).
  {  // A wrong password does not log in and says why.
    rig::XmppTestClient intruder("alice@localhost", "wrong", "127.0.0.1", ejabberd.c2s_port());
    CHECK_FALSE(intruder.connect(5s));
    CHECK_FALSE(intruder.last_error().empty());
  }
  {  // The component port takes the configured secret only, and the component gets users' stanzas.
    rig::TcpTestClient link(ejabberd.component_port());
    CHECK(rig::component_handshake(link, "gw.localhost", "s3cret").find("<handshake") != std::string::npos);
    alice.send("<message to='bob%example.org@gw.localhost' type='chat'><body>to the gateway</body></message>");
    const auto routed = link.read_until("to the gateway", 5s);
    REQUIRE(routed);
    CHECK(routed->find("bob%example.org@gw.localhost") != std::string::npos);
    // And back: the component writes to a user. Only once her presence is in (the server echoes
    // it): before, ejabberd would store a message to her bare JID offline.
    alice.send_presence();
    REQUIRE(alice.wait_for([&](const rig::Stanza& s) {
      return s.name() == "presence" && s.attr("from") == alice.full_jid() && s.attr("type").empty();
    }));
    link.send("<message from='bob%example.org@gw.localhost' to='alice@localhost' type='chat'>"
              "<body>from the gateway</body></message>");
    CHECK(alice.wait_for([](const rig::Stanza& s) { return is_chat_body(s, "from the gateway"); }).has_value());

    rig::TcpTestClient intruder(ejabberd.component_port());
    CHECK(rig::component_handshake(intruder, "gw.localhost", "wrong").find("<handshake") == std::string::npos);

    // Unlike Prosody, which stamps the component's address, ejabberd ends the stream of a
    // component that sends a stanza without 'from'.
    rig::TcpTestClient careless(ejabberd.component_port());
    REQUIRE(rig::component_handshake(careless, "gw.localhost", "s3cret").find("<handshake") != std::string::npos);
    careless.send("<iq type='result' id='r1' to='alice@localhost'/>");
    const auto closed = careless.read_until("</stream:stream>", 5s);
    REQUIRE(closed);
    CHECK(closed->find("<improper-addressing") != std::string::npos);
    CHECK(closed->find("Missing &apos;from&apos; attribute") != std::string::npos);
  }
  {  // Websocket upgrade on the http port.
    REQUIRE(ejabberd.http_port() != 0);
    rig::TcpTestClient http(ejabberd.http_port());
    http.send("GET /xmpp-websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
              "Sec-WebSocket-Protocol: xmpp\r\n\r\n");
    const auto response = http.read_until("\r\n\r\n", 5s);
    REQUIRE(response);
    CHECK(response->starts_with("HTTP/1.1 101"));
    CHECK(response->find("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") != std::string::npos);  // RFC 6455's example key
  }
  // No epmd: the node and ejabberdctl (which registered the users) met on the node's own port.
  if (!epmd_was_running) CHECK_FALSE(epmd_running());
}

TEST_CASE("ejabberd stops cleanly and restarts on the same ports with its users") {
  rig::EjabberdServer ejabberd({.users = {{"alice", "alice-pw"}}});
  CHECK(ejabberd.http_port() == 0);
  const auto port = ejabberd.c2s_port();
  rig::XmppTestClient alice("alice@localhost", "alice-pw", "127.0.0.1", port);
  REQUIRE_MESSAGE(alice.connect(), alice.last_error());

  const auto status = ejabberd.stop();
  REQUIRE(status);
  CHECK(*status == 0);
  CHECK_FALSE(ejabberd.running());
  CHECK(rig::read_text_file(ejabberd.log_path()).find("is stopped in the node") != std::string::npos);
  CHECK_FALSE(ejabberd.stop().has_value());
  // The client notices the server going away.
  CHECK_FALSE(alice.wait_for([](const rig::Stanza&) { return false; }, 5s).has_value());
  CHECK_FALSE(alice.connected());
  CHECK_FALSE(alice.connect(2s));

  ejabberd.start();
  CHECK(ejabberd.c2s_port() == port);
  REQUIRE_MESSAGE(alice.connect(), alice.last_error());

  // A crash (SIGKILL), a user added while it is down, a password changed, and a start again.
  ejabberd.kill();
  CHECK_FALSE(ejabberd.running());
  CHECK_FALSE(alice.wait_for([](const rig::Stanza&) { return false; }, 5s).has_value());
  CHECK_FALSE(alice.connected());
  ejabberd.add_user("carol", "carol-pw");
  ejabberd.start();
  ejabberd.add_user("alice", "new-pw");
  rig::XmppTestClient carol("carol@localhost", "carol-pw", "127.0.0.1", port);
  REQUIRE_MESSAGE(carol.connect(), carol.last_error());
  rig::XmppTestClient old_password("alice@localhost", "alice-pw", "127.0.0.1", port);
  CHECK_FALSE(old_password.connect(5s));
  rig::XmppTestClient alice_again("alice@localhost", "new-pw", "127.0.0.1", port);
  REQUIRE_MESSAGE(alice_again.connect(), alice_again.last_error());
  carol.send_presence();
  alice_again.send("<message to='carol@localhost' type='chat'><body>after the crash</body></message>");
  CHECK(carol.wait_for([](const rig::Stanza& s) { return is_chat_body(s, "after the crash"); }).has_value());
}

TEST_CASE("EjabberdServer rejects a user name it cannot register") {
  CHECK_THROWS_AS(rig::EjabberdServer({.users = {{"a b", "pw"}}}), std::invalid_argument);
}

TEST_CASE("ejabberd's configuration text quotes what it is given") {
  CHECK(rig::yaml_quote("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
  CHECK(rig::yaml_quote(std::string("x\x01y", 3)) == "\"x\\x01y\"");
  CHECK(rig::shell_quote("it's") == "'it'\\''s'");

  rig::EjabberdOptions options{.component = "gw.example", .component_secret = "p\"w"};
  options.extra_modules = {"mod_vcard"};
  const rig::EjabberdLayout layout{.node = "ejabberd_5@localhost",
                                   .pid_file = "/tmp/x/ejabberd.pid",
                                   .erl_wrapper = "/tmp/x/erl",
                                   .c2s_port = 5,
                                   .component_port = 6,
                                   .http_port = 7,
                                   .dist_port = 8};
  const std::string yml = rig::ejabberd_config_text(options, layout);
  CHECK(yml.find("  - port: 5\n    ip: \"127.0.0.1\"\n    module: ejabberd_c2s\n") != std::string::npos);
  CHECK(yml.find("      \"gw.example\":\n        password: \"p\\\"w\"\n") != std::string::npos);
  CHECK(yml.find("ejabberd_http") == std::string::npos);  // websocket is off
  CHECK(yml.find("  mod_vcard: {}\n") != std::string::npos);
  const std::string ctl = rig::ejabberdctl_config_text(layout);
  CHECK(ctl.find("ERL_DIST_PORT=8\n") != std::string::npos);
  CHECK(ctl.find("ERLANG_NODE='ejabberd_5@localhost'\n") != std::string::npos);
  CHECK(ctl.find("ERL='/tmp/x/erl'\n") != std::string::npos);
  const std::string wrapper = rig::ejabberd_erl_wrapper_text("/tmp/x/libs");
  CHECK(wrapper.find("\nERL_LIBS='/tmp/x/libs'\nexport ERL_LIBS\n") != std::string::npos);
  CHECK(wrapper.find("\nexec setpriv --pdeathsig KILL /usr/bin/erl \"$@\"\n") != std::string::npos);
}
