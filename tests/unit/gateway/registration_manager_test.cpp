// The registration policy, driven with explicit time: who gets a REGISTER, when, and what the
// user is told.
#include "gateway/registration_manager.hpp"
#include "tests/support/recording_registrar.hpp"

#include <doctest/doctest.h>

#include <map>

using namespace gw;

namespace {

store::SipAccount account(const std::string& user, const std::string& password = "pw") {
    store::SipAccount a;
    a.jid = user + "@example.org";
    a.sip_user = user;
    a.sip_domain = "sip.example.com";
    a.password = password;
    a.contact_token = "tok-" + user;
    return a;
}

struct Rig {
    test::RecordingRegistrar registrar;
    std::vector<std::pair<std::string, UserRegistration>> told;
    RegistrationManager manager;
    explicit Rig(RegistrationPolicy policy = {})
        : manager(registrar, policy, [this](const std::string& jid, const UserRegistration& r) {
              told.emplace_back(jid, r);
          }, 7) {}
    void answer(sip::RegistrationId id, sip::RegistrationState state, int status, const char* phrase, double now) {
        manager.on_sip_event({id, state, status, phrase, 600}, now);
    }
};

}  // namespace

TEST_CASE("the REGISTER names the account, its credentials, proxy and the Contact token") {
    RegistrationPolicy policy;
    policy.default_proxy = "proxy.example.com:5080";
    store::SipAccount a = account("alice");
    a.auth_username = "alice-auth";
    sip::RegistrationRequest r = registration_request(a, policy);
    CHECK(r.aor == "sip:alice@sip.example.com");
    CHECK(r.auth_user == "alice-auth");
    CHECK(r.password == "pw");
    CHECK(r.registrar == "sip:sip.example.com");
    CHECK(r.proxy == "sip:proxy.example.com:5080");
    CHECK(r.contact_user == "tok-alice");
    a.proxy = "[2001:db8::1]:5060";
    a.transport = "tcp";
    CHECK(registration_request(a, policy).proxy == "sip:[2001:db8::1]:5060;transport=tcp");
    a.proxy.clear();
    CHECK(registration_request(a, RegistrationPolicy{}).registrar == "sip:sip.example.com;transport=tcp");
    CHECK(registration_request(a, RegistrationPolicy{}).proxy.empty());
}

TEST_CASE("online registers, the user hears it, offline un-registers") {
    Rig rig;
    rig.manager.online(account("alice"), 0);
    const auto id = rig.registrar.id_of("sip:alice@sip.example.com");
    REQUIRE(id != 0);
    CHECK(rig.manager.find("alice@example.org")->state == UserRegistrationState::registering);
    rig.answer(id, sip::RegistrationState::registered, 200, "OK", 0.1);
    REQUIRE(rig.manager.find("alice@example.org"));
    CHECK(rig.manager.find("alice@example.org")->state == UserRegistrationState::registered);
    CHECK(rig.told.back().second.text == "registered as alice@sip.example.com");
    CHECK(rig.manager.registered_count() == 1);

    rig.manager.offline("alice@example.org", 5);
    CHECK(rig.registrar.removed == std::vector<sip::RegistrationId>{id});
    rig.answer(id, sip::RegistrationState::unregistered, 200, "OK", 5.1);
    CHECK(rig.manager.size() == 0);
}

TEST_CASE("refreshes and duplicate presence do not re-register or re-notify") {
    Rig rig;
    rig.manager.online(account("alice"), 0);
    const auto id = rig.registrar.id_of("sip:alice@sip.example.com");
    rig.answer(id, sip::RegistrationState::registered, 200, "OK", 0);
    const auto told = rig.told.size();
    rig.answer(id, sip::RegistrationState::registered, 200, "OK", 300);
    rig.manager.online(account("alice"), 301);
    CHECK(rig.told.size() == told);
    CHECK(rig.registrar.registered.size() == 1);
}

TEST_CASE("failures are retried with growing, jittered delays and a clear text") {
    RegistrationPolicy policy;
    policy.retry_initial_s = 10;
    policy.retry_max_s = 40;
    Rig rig(policy);
    rig.manager.online(account("alice", "wrong"), 0);
    double now = 0;
    double previous_delay = 0;
    for (int attempt = 0; attempt < 5; ++attempt) {
        const auto id = rig.registrar.next - 1;
        rig.answer(id, sip::RegistrationState::failed, 403, "Forbidden", now);
        const UserRegistration* status = rig.manager.find("alice@example.org");
        REQUIRE(status);
        CHECK(status->state == UserRegistrationState::retry_wait);
        CHECK(status->text.rfind("SIP registration failed: 403 Forbidden; retrying in ", 0) == 0);
        const double delay = status->retry_at - now;
        const double base = std::min(10.0 * (1 << attempt), 40.0);
        CHECK(delay >= base * 0.75);
        CHECK(delay <= base);
        if (attempt > 0 && base > previous_delay) CHECK(delay > previous_delay * 0.74);
        previous_delay = delay;
        REQUIRE(rig.manager.next_due(now).value() == doctest::Approx(status->retry_at));
        const auto before = rig.registrar.registered.size();
        rig.manager.run_due(status->retry_at - 0.01);
        CHECK(rig.registrar.registered.size() == before);
        now = status->retry_at;
        rig.manager.run_due(now);
        CHECK(rig.registrar.registered.size() == before + 1);
    }
    rig.answer(rig.registrar.next - 1, sip::RegistrationState::registered, 200, "OK", now);
    CHECK(rig.manager.find("alice@example.org")->state == UserRegistrationState::registered);
}

TEST_CASE("a start-up burst is paced at the configured rate") {
    RegistrationPolicy policy;
    policy.rate_per_s = 10;
    Rig rig(policy);
    for (int i = 0; i < 35; ++i) rig.manager.online(account("user" + std::to_string(i)), 0);
    CHECK(rig.registrar.registered.size() == 10);  // the bucket starts full
    auto next = rig.manager.next_due(0);
    REQUIRE(next);
    CHECK(*next == doctest::Approx(0.1));
    rig.manager.run_due(1.0);
    CHECK(rig.registrar.registered.size() == 20);
    rig.manager.run_due(5.0);  // a long pause refills only up to one second's worth
    CHECK(rig.registrar.registered.size() == 30);
    rig.manager.run_due(6.0);
    CHECK(rig.registrar.registered.size() == 35);
    CHECK_FALSE(rig.manager.next_due(6.0));
}

TEST_CASE("going offline while queued or waiting to retry sends nothing") {
    RegistrationPolicy policy;
    policy.rate_per_s = 1;
    Rig rig(policy);
    rig.manager.online(account("a"), 0);
    rig.manager.online(account("b"), 0);
    CHECK(rig.registrar.registered.size() == 1);
    rig.manager.offline("b@example.org", 0.5);
    rig.manager.run_due(5);
    CHECK(rig.registrar.registered.size() == 1);
    rig.answer(1, sip::RegistrationState::failed, 503, "Service Unavailable", 5);
    rig.manager.offline("a@example.org", 6);
    CHECK(rig.registrar.removed.empty());
    CHECK(rig.manager.size() == 0);
    CHECK_FALSE(rig.manager.next_due(6).has_value());
}

TEST_CASE("changed settings while registered: un-REGISTER, then REGISTER with the new ones") {
    Rig rig;
    rig.manager.online(account("alice", "old"), 0);
    rig.answer(1, sip::RegistrationState::registered, 200, "OK", 0);
    rig.manager.online(account("alice", "new"), 1);
    CHECK(rig.registrar.removed == std::vector<sip::RegistrationId>{1});
    rig.answer(1, sip::RegistrationState::unregistered, 200, "OK", 1.1);
    REQUIRE(rig.registrar.registered.count(2) == 1);
    CHECK(rig.registrar.registered[2].password == "new");
}

TEST_CASE("back online before the un-REGISTER completed registers again") {
    Rig rig;
    rig.manager.online(account("alice"), 0);
    rig.answer(1, sip::RegistrationState::registered, 200, "OK", 0);
    rig.manager.offline("alice@example.org", 1);
    rig.manager.online(account("alice"), 1.2);
    rig.answer(1, sip::RegistrationState::unregistered, 200, "OK", 1.3);
    CHECK(rig.registrar.registered.count(2) == 1);
    rig.answer(2, sip::RegistrationState::registered, 200, "OK", 1.4);
    CHECK(rig.manager.find("alice@example.org")->state == UserRegistrationState::registered);
}

TEST_CASE("events for unknown registrations are ignored") {
    Rig rig;
    rig.answer(99, sip::RegistrationState::registered, 200, "OK", 0);
    CHECK(rig.manager.size() == 0);
    CHECK(rig.told.empty());
}
