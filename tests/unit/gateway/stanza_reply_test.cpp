// Replies the gateway builds: addressed back to the sender and from the address it wrote to
// (ejabberd refuses component stanzas without 'from').
#include "gateway/iq_reply.hpp"
#include "xmpp/stanza.hpp"

#include <doctest/doctest.h>
#include <strophe.h>

using namespace gw;

TEST_CASE("a reply swaps to and from and keeps the id; IqReply results and errors too") {
    xmpp_ctx_t* ctx = xmpp_ctx_new(nullptr, nullptr);
    {
        xmpp::Stanza iq = xmpp::Stanza::create(ctx, "iq");
        iq.set_attr("type", "set").set_attr("id", "42");
        iq.set_attr("from", "alice@example.org/phone").set_attr("to", "bob%example.com@sip.example.org");
        xmpp::Stanza reply = iq.reply();
        CHECK(reply.attr("to") == "alice@example.org/phone");
        CHECK(reply.attr("from") == "bob%example.com@sip.example.org");
        CHECK(reply.attr("id") == "42");

        std::optional<xmpp::Stanza> sent;
        {
            IqReply guard(iq, [&](const xmpp::Stanza& s) { sent = s; });
            guard.error(StanzaError::item_not_found, "no such session", "unknown-session", "urn:xmpp:jingle:errors:1");
        }
        REQUIRE(sent);
        CHECK(sent->attr("from") == "bob%example.com@sip.example.org");
        CHECK(sent->attr("type") == "error");
        REQUIRE(sent->child("error"));
        CHECK(sent->child("error")->child("unknown-session", "urn:xmpp:jingle:errors:1").has_value());
    }
    xmpp_ctx_free(ctx);
}
