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

}  // namespace

REGISTER_LISTENER("stop-shared-ejabberd", 1, StopSharedEjabberd);

rig::EjabberdServer& shared_ejabberd() {
    auto& server = slot();
    if (!server) {
        server = std::make_unique<rig::EjabberdServer>(
            rig::EjabberdOptions{.component = "sip.localhost", .users = {{"alice", "alice-pass"}}});
    }
    return *server;
}

}  // namespace gw::test
