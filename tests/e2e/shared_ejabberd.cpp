#include "tests/e2e/shared_ejabberd.hpp"

#include <doctest/doctest.h>

#include <memory>

namespace gw::test {
namespace {

std::unique_ptr<rig::EjabberdServer>& slot() {
    static std::unique_ptr<rig::EjabberdServer> server;
    return server;
}

// A doctest listener whose only job is the end of the run.
struct StopSharedEjabberd : doctest::IReporter {
    explicit StopSharedEjabberd(const doctest::ContextOptions&) {}
    void test_run_end(const doctest::TestRunStats&) override { slot().reset(); }
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};

void require_result(rig::XmppTestClient& client, const std::string& set_body) {
    const std::string id = client.next_id();
    client.send("<iq type='set' id='" + id + "'>" + set_body + "</iq>");
    auto reply = client.wait_for_id(id);
    REQUIRE(reply);
    REQUIRE_MESSAGE(reply->attr("type") == "result", reply->to_string());
}

}  // namespace

REGISTER_LISTENER("stop-shared-ejabberd", 1, StopSharedEjabberd);

rig::EjabberdServer& shared_ejabberd(const rig::EjabberdOptions& options) {
    auto& server = slot();
    if (!server) server = std::make_unique<rig::EjabberdServer>(options);
    return *server;
}

void forget_earlier_worlds(rig::XmppTestClient& client) {
    require_result(client, "<offline xmlns='http://jabber.org/protocol/offline'><purge/></offline>");  // XEP-0013
    const std::string id = client.next_id();
    client.send("<iq type='get' id='" + id + "'><query xmlns='jabber:iq:roster'/></iq>");
    auto roster = client.wait_for_id(id);
    REQUIRE(roster);
    const rig::Stanza* query = roster->child("query", "jabber:iq:roster");
    REQUIRE(query != nullptr);
    for (const rig::Stanza& item : query->children()) {
        require_result(client, "<query xmlns='jabber:iq:roster'><item jid='" + item.attr("jid") +
                                   "' subscription='remove'/></query>");
    }
}

}  // namespace gw::test
