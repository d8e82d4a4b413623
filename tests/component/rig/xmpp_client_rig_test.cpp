// XmppTestClient's caps: the XEP-0115 hash, presence with <c/>, disco#info queries answered in
// the background of its waits, and IQ results.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/rig/prosody_server.hpp"
#include "tests/rig/xmpp_test_client.hpp"

namespace rig = gw::rig;
using namespace std::chrono_literals;

namespace {

constexpr const char* disco_info = "http://jabber.org/protocol/disco#info";

const rig::ClientCaps jingle_phone{
    .node = "https://example.org/phone",
    .identities = {{.category = "client", .type = "phone", .name = "Rig phone"}},
    .features = {"urn:xmpp:jingle:1", "urn:xmpp:jingle:apps:rtp:1", "urn:xmpp:jingle:apps:rtp:audio",
                 "urn:xmpp:jingle:transports:ice-udp:1", "urn:xmpp:jingle-message:0", disco_info}};

std::string disco_query(rig::XmppTestClient& from, const std::string& to, const std::string& node) {
  const std::string id = from.next_id();
  from.send("<iq type='get' to='" + to + "' id='" + id + "'><query xmlns='" + disco_info + "'" +
            (node.empty() ? "" : " node='" + node + "'") + "/></iq>");
  return id;
}

// The caps a disco#info result describes, read back as a client computing the hash would.
rig::ClientCaps caps_in(const rig::Stanza& result) {
  rig::ClientCaps caps{.node = "", .identities = {}, .features = {}};
  const rig::Stanza* query = result.child("query", disco_info);
  REQUIRE(query != nullptr);
  for (const auto& child : query->children()) {
    if (child.name() == "identity") {
      caps.identities.push_back(
          {.category = child.attr("category"), .type = child.attr("type"), .name = child.attr("name"),
           .lang = child.attr("lang")});
    } else if (child.name() == "feature") {
      caps.features.push_back(child.attr("var"));
    }
  }
  return caps;
}

}  // namespace

TEST_CASE("caps_ver follows XEP-0115: the example of section 5.2, and order does not matter") {
  rig::ClientCaps exodus{.node = "http://code.google.com/p/exodus",
                         .identities = {{.category = "client", .type = "pc", .name = "Exodus 0.9.1"}},
                         .features = {"http://jabber.org/protocol/caps", "http://jabber.org/protocol/disco#info",
                                      "http://jabber.org/protocol/disco#items", "http://jabber.org/protocol/muc"}};
  CHECK(rig::caps_ver(exodus) == "QgayPKawpkPSDYmwT/WM94uAlu0=");
  std::reverse(exodus.features.begin(), exodus.features.end());
  CHECK(rig::caps_ver(exodus) == "QgayPKawpkPSDYmwT/WM94uAlu0=");
  exodus.features.pop_back();
  CHECK(rig::caps_ver(exodus) != "QgayPKawpkPSDYmwT/WM94uAlu0=");
}

TEST_CASE("a client with caps announces them and answers disco#info queries while it waits") {
  rig::ProsodyServer prosody({.users = {{"alice", "a"}, {"bob", "b"}}});
  rig::XmppTestClient laptop("alice@localhost/laptop", "a", "127.0.0.1", prosody.c2s_port());
  rig::XmppTestClient phone("alice@localhost/phone", "a", "127.0.0.1", prosody.c2s_port());
  rig::XmppTestClient bob("bob@localhost", "b", "127.0.0.1", prosody.c2s_port());
  REQUIRE(laptop.connect());
  REQUIRE(phone.connect());
  REQUIRE(bob.connect());
  laptop.send_presence();
  phone.send_presence(jingle_phone);

  // The account's other resource sees the presence with <c/>.
  const auto presence = laptop.wait_for([&](const rig::Stanza& s) {
    return s.name() == "presence" && s.attr("from") == phone.full_jid() && s.child("c") != nullptr;
  });
  REQUIRE(presence);
  const rig::Stanza* c = presence->child("c", "http://jabber.org/protocol/caps");
  REQUIRE(c != nullptr);
  CHECK(c->attr("hash") == "sha-1");
  CHECK(c->attr("node") == jingle_phone.node);
  const std::string ver = c->attr("ver");
  CHECK(ver == rig::caps_ver(jingle_phone));

  // Queries for node#ver and for no node are answered while the phone waits for something else;
  // a query for another node is refused. None of them shows up among the phone's stanzas.
  const std::string with_node = disco_query(laptop, phone.full_jid(), jingle_phone.node + "#" + ver);
  const std::string without_node = disco_query(bob, phone.full_jid(), "");
  const std::string other_node = disco_query(bob, phone.full_jid(), jingle_phone.node + "#other");
  CHECK_FALSE(phone.wait_for([](const rig::Stanza& s) { return s.name() == "message"; }, 500ms).has_value());
  CHECK(std::none_of(phone.queued().begin(), phone.queued().end(),
                     [](const rig::Stanza& s) { return s.child("query", disco_info) != nullptr; }));
  const auto& queries = phone.disco_queries();
  REQUIRE(queries.size() == 3);
  const auto asked = [&](const std::string& from, const std::string& node) {
    return std::find_if(queries.begin(), queries.end(),
                        [&](const rig::DiscoQuery& q) { return q.from == from && q.node == node; });
  };
  const auto by_laptop = asked(laptop.full_jid(), jingle_phone.node + "#" + ver);
  REQUIRE(by_laptop != queries.end());
  CHECK(by_laptop->answered);
  const auto by_bob = asked(bob.full_jid(), "");
  REQUIRE(by_bob != queries.end());
  CHECK(by_bob->answered);
  const auto unknown = asked(bob.full_jid(), jingle_phone.node + "#other");
  REQUIRE(unknown != queries.end());
  CHECK_FALSE(unknown->answered);

  const auto result = laptop.wait_for_id(with_node);
  REQUIRE(result);
  CHECK(result->attr("type") == "result");
  CHECK(result->child("query", disco_info)->attr("node") == jingle_phone.node + "#" + ver);
  // The answer verifies against the announced hash, as a careful client checks it.
  rig::ClientCaps described = caps_in(*result);
  described.node = jingle_phone.node;
  CHECK(rig::caps_ver(described) == ver);
  CHECK(described.identities.size() == 1);
  CHECK(described.identities[0].name == "Rig phone");

  const auto plain = bob.wait_for_id(without_node);
  REQUIRE(plain);
  CHECK(plain->attr("type") == "result");
  CHECK_FALSE(plain->child("query", disco_info)->has_attr("node"));
  CHECK(caps_in(*plain).features.size() == jingle_phone.features.size());

  const auto refused = bob.wait_for_id(other_node);
  REQUIRE(refused);
  CHECK(refused->attr("type") == "error");
  REQUIRE(refused->child("error") != nullptr);
  CHECK(refused->child("error")->child("item-not-found") != nullptr);
}

TEST_CASE("a client without caps leaves disco#info queries to the test, which answers IQs with send_result") {
  rig::ProsodyServer prosody({.users = {{"alice", "a"}, {"bob", "b"}}});
  rig::XmppTestClient alice("alice@localhost", "a", "127.0.0.1", prosody.c2s_port());
  rig::XmppTestClient bob("bob@localhost", "b", "127.0.0.1", prosody.c2s_port());
  REQUIRE(alice.connect());
  REQUIRE(bob.connect());
  alice.send_presence();

  const std::string query_id = disco_query(bob, alice.full_jid(), "");
  const auto query = alice.wait_for([](const rig::Stanza& s) { return s.name() == "iq" && s.attr("type") == "get"; });
  REQUIRE(query);
  CHECK(query->attr("id") == query_id);
  CHECK(alice.disco_queries().empty());

  const std::string set_id = bob.next_id();
  bob.send("<iq type='set' to='" + alice.full_jid() + "' id='" + set_id + "'><x xmlns='urn:rig:test'/></iq>");
  const auto set = alice.wait_for([](const rig::Stanza& s) { return s.name() == "iq" && s.attr("type") == "set"; });
  REQUIRE(set);
  alice.send_result(*set);
  const auto result = bob.wait_for_id(set_id);
  REQUIRE(result);
  CHECK(result->attr("type") == "result");
  CHECK(result->attr("from") == alice.full_jid());

  CHECK_THROWS_AS(alice.send_result(*result), std::logic_error);  // a result is not answered
}
