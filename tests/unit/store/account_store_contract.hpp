// The behaviour every AccountStore backend must show: one test body, instantiated per backend
// with a fixture (SQLite in tests/unit/store, PostgreSQL in tests/component/store):
//
//   TEST_CASE_TEMPLATE_INVOKE(account_store_contract, MyFixture);
//
// A fixture is default-constructible and starts empty; open() returns a store on its database,
// and calling open() again (after the first store is gone) reaches the same data.
#pragma once

#include "gateway/store/account_store.hpp"

#include <doctest/doctest.h>

#include <ctime>
#include <string>

namespace gw::store::contract {

inline SipAccount sample_account(const std::string& jid, const std::string& token) {
    SipAccount account;
    account.jid = jid;
    account.sip_user = "alice";
    account.sip_domain = "sip.example.com";
    account.password = "pa55word";
    account.auth_username = "alice-auth";
    account.proxy = "proxy.example.com:5060";
    account.transport = "tcp";
    account.contact_token = token;
    return account;
}

// The stored form: what find() returns for `account` written at `created`/`updated`.
inline SipAccount as_stored(SipAccount account, std::int64_t created, std::int64_t updated) {
    account.created_at = created;
    account.updated_at = updated;
    return account;
}

}  // namespace gw::store::contract

// Outside the namespace, so that TEST_CASE_TEMPLATE_INVOKE works from any namespace.
TEST_CASE_TEMPLATE_DEFINE("account store contract", Fixture, account_store_contract) {
    using namespace gw::store;
    using namespace gw::store::contract;
    Fixture fixture;
    auto store = fixture.open();
    REQUIRE(store != nullptr);

    SUBCASE("a new store is empty") {
        CHECK(store->count() == 0);
        CHECK(store->all().empty());
        CHECK_FALSE(store->find("alice@example.org").has_value());
        CHECK_FALSE(store->find_by_token("0123456789abcdef0123456789abcdef").has_value());
        CHECK_FALSE(store->remove("alice@example.org"));
    }

    SUBCASE("an account reads back field for field, by JID and by contact token") {
        const std::int64_t before = std::time(nullptr);
        const SipAccount alice = sample_account("alice@example.org", "token-alice");
        store->upsert(alice);
        const std::int64_t after = std::time(nullptr);

        const auto found = store->find("alice@example.org");
        REQUIRE(found.has_value());
        CHECK(found->created_at >= before);
        CHECK(found->created_at <= after);
        CHECK(found->updated_at == found->created_at);
        CHECK(*found == as_stored(alice, found->created_at, found->updated_at));

        const auto by_token = store->find_by_token("token-alice");
        REQUIRE(by_token.has_value());
        CHECK(*by_token == *found);
        CHECK_FALSE(store->find_by_token("token-bob").has_value());
        CHECK(store->count() == 1);
        REQUIRE(store->all().size() == 1);
        CHECK(store->all().front() == *found);
    }

    SUBCASE("an update replaces every field but keeps created_at") {
        SipAccount first = sample_account("alice@example.org", "token-1");
        first.created_at = 1000;
        first.updated_at = 1000;
        store->upsert(first);
        const auto stored_first = store->find("alice@example.org");
        REQUIRE(stored_first.has_value());
        CHECK(stored_first->created_at == 1000);  // an import keeps its creation time

        SipAccount second;
        second.jid = "alice@example.org";
        second.sip_user = "alice2";
        second.sip_domain = "voip.example.net";
        second.password = "n3w";
        second.contact_token = "token-2";
        second.created_at = 5000;  // ignored on update
        const std::int64_t before = std::time(nullptr);
        store->upsert(second);

        const auto found = store->find("alice@example.org");
        REQUIRE(found.has_value());
        CHECK(found->created_at == 1000);
        CHECK(found->updated_at >= before);
        CHECK(*found == as_stored(second, 1000, found->updated_at));
        CHECK(found->auth_username.empty());
        CHECK(found->proxy.empty());
        CHECK(found->transport.empty());
        CHECK(store->count() == 1);
        CHECK_FALSE(store->find_by_token("token-1").has_value());
        CHECK(store->find_by_token("token-2").has_value());
    }

    SUBCASE("remove deletes the account and its token, once") {
        store->upsert(sample_account("alice@example.org", "token-alice"));
        store->upsert(sample_account("bob@example.org", "token-bob"));
        CHECK(store->remove("alice@example.org"));
        CHECK_FALSE(store->remove("alice@example.org"));
        CHECK_FALSE(store->find("alice@example.org").has_value());
        CHECK_FALSE(store->find_by_token("token-alice").has_value());
        CHECK(store->find("bob@example.org").has_value());
        CHECK(store->count() == 1);
    }

    SUBCASE("JIDs are keys in lower case") {
        store->upsert(sample_account("Alice@Example.ORG", "token-alice"));
        const auto found = store->find("ALICE@example.org");
        REQUIRE(found.has_value());
        CHECK(found->jid == "alice@example.org");
        store->upsert(sample_account("alice@EXAMPLE.org", "token-alice-2"));
        CHECK(store->count() == 1);
        CHECK(store->remove("aLiCe@example.org"));
    }

    SUBCASE("all() lists every account ordered by JID") {
        for (const char* name : {"dave", "alice", "carol", "bob"}) {
            store->upsert(sample_account(std::string(name) + "@example.org", std::string("token-") + name));
        }
        const auto accounts = store->all();
        REQUIRE(accounts.size() == 4);
        CHECK(accounts[0].jid == "alice@example.org");
        CHECK(accounts[1].jid == "bob@example.org");
        CHECK(accounts[2].jid == "carol@example.org");
        CHECK(accounts[3].jid == "dave@example.org");
        CHECK(accounts[2].contact_token == "token-carol");
        CHECK(store->count() == 4);
    }

    SUBCASE("a contact token belongs to one account only") {
        store->upsert(sample_account("alice@example.org", "shared-token"));
        SipAccount bob = sample_account("bob@example.org", "shared-token");
        bob.password = "bobs-secret";
        try {
            store->upsert(bob);
            FAIL("a second account with the same token was accepted");
        } catch (const StoreError& error) {
            const std::string message = error.what();
            CHECK(message.find("bob@example.org") != std::string::npos);
            CHECK(message.find("contact_token belongs to another account") != std::string::npos);
            CHECK(message.find("bobs-secret") == std::string::npos);
        }
        CHECK_FALSE(store->find("bob@example.org").has_value());
        REQUIRE(store->find_by_token("shared-token").has_value());
        CHECK(store->find_by_token("shared-token")->jid == "alice@example.org");
    }

    SUBCASE("invalid accounts are refused with the field named and the password not shown") {
        struct Case {
            const char* name;
            void (*spoil)(SipAccount&);
            const char* message;
        };
        const Case cases[] = {
            {"empty jid", [](SipAccount& a) { a.jid.clear(); }, "invalid account: the jid is empty"},
            {"full jid", [](SipAccount& a) { a.jid = "alice@example.org/phone"; },
             "invalid account: the jid must be a bare JID without spaces or control characters"},
            {"empty sip_user", [](SipAccount& a) { a.sip_user.clear(); },
             "invalid account for \"alice@example.org\": sip_user is empty"},
            {"empty sip_domain", [](SipAccount& a) { a.sip_domain.clear(); },
             "invalid account for \"alice@example.org\": sip_domain is empty"},
            {"empty token", [](SipAccount& a) { a.contact_token.clear(); },
             "invalid account for \"alice@example.org\": contact_token is empty"},
            {"unknown transport", [](SipAccount& a) { a.transport = "sctp"; },
             "invalid account for \"alice@example.org\": transport must be udp, tcp, tls or empty"},
            {"header injection", [](SipAccount& a) { a.proxy = "p.example.com\r\nX-Evil: 1"; },
             "invalid account for \"alice@example.org\": proxy contains a control character"},
            {"password with a line break", [](SipAccount& a) { a.password = "pa55\nword"; },
             "invalid account for \"alice@example.org\": password contains a control character"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.name);
            SipAccount account = sample_account("alice@example.org", "token-alice");
            c.spoil(account);
            try {
                store->upsert(account);
                FAIL("accepted");
            } catch (const StoreError& error) {
                CHECK(std::string(error.what()) == c.message);
            }
        }
        CHECK(store->count() == 0);
    }

    SUBCASE("text is stored exactly: quotes, SQL, UTF-8, empty password") {
        SipAccount tricky = sample_account("j\xc3\xbcrgen@example.org", "token-j");
        tricky.password = "'; DROP TABLE sip_accounts; -- \"\\ \xe2\x82\xac";
        tricky.sip_user = "+4930123456";
        tricky.proxy = "[2001:db8::1]:5061";
        tricky.transport = "tls";
        store->upsert(tricky);
        const auto found = store->find("J\xc3\x9cRGEN@example.org");  // only ASCII is case-folded
        CHECK_FALSE(found.has_value());
        const auto exact = store->find("j\xc3\xbcrgen@example.org");
        REQUIRE(exact.has_value());
        CHECK(*exact == as_stored(tricky, exact->created_at, exact->updated_at));

        SipAccount open_account = sample_account("open@example.org", "token-open");
        open_account.password.clear();  // IP-authenticated SIP trunks have none
        store->upsert(open_account);
        REQUIRE(store->find("open@example.org").has_value());
        CHECK(store->find("open@example.org")->password.empty());
        CHECK(store->count() == 2);
    }

    SUBCASE("data survives closing and reopening the store") {
        const SipAccount alice = sample_account("alice@example.org", "token-alice");
        store->upsert(alice);
        store->upsert(sample_account("bob@example.org", "token-bob"));
        CHECK(store->remove("bob@example.org"));
        store.reset();

        auto reopened = fixture.open();
        CHECK(reopened->count() == 1);
        const auto found = reopened->find("alice@example.org");
        REQUIRE(found.has_value());
        CHECK(*found == as_stored(alice, found->created_at, found->updated_at));
        CHECK(reopened->find_by_token("token-alice").has_value());
    }
}
