// The SIP user agent on the libevent loop against sipp on loopback.
#include "sip/sip_listener.hpp"
#include "sip/sofia_loop.hpp"
#include "sip/user_agent.hpp"
#include "tests/rig/kamailio_server.hpp"
#include "tests/rig/ports.hpp"
#include "tests/rig/sipp.hpp"
#include "tests/support/loop_pump.hpp"

#include <doctest/doctest.h>
#include <event2/event.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

using namespace gw;
using namespace std::chrono_literals;

namespace {

const std::string kScenarios = GW_E2E_SCENARIO_DIR;

struct Listener : sip::SipListener {
    std::vector<sip::InviteRequest> invites;
    std::vector<sip::RegistrationEvent> registrations;
    bool stopped = false;
    void on_registration(const sip::RegistrationEvent& event) override { registrations.push_back(event); }
    sip::SipStatus on_incoming_invite(const sip::InviteRequest& invite) override {
        invites.push_back(invite);
        return {404, "Not Found"};
    }
    void on_sip_shutdown_complete() override { stopped = true; }
};

struct Rig {
    Listener listener;
    std::unique_ptr<event_base, void (*)(event_base*)> base{event_base_new(), &event_base_free};
    std::unique_ptr<sip::SofiaLoop> loop;
    std::unique_ptr<sip::UserAgent> agent;
    std::uint16_t port = rig::free_port();

    Rig() {
        loop = std::make_unique<sip::SofiaLoop>(base.get());
        sip::AgentOptions options;
        options.port = port;
        agent = std::make_unique<sip::UserAgent>(*loop, options, listener);
    }
    ~Rig() {
        agent->shutdown();
        test::pump_until(base.get(), [&] { return listener.stopped; }, 5s);
        if (!listener.stopped) {  // destroying an unfinished nua aborts: keep the test alive
            (void)agent.release();
            (void)loop.release();
        }
    }
    // Runs sipp with `scenario` against the agent while pumping the loop; sipp's exit code.
    int run_sipp(const std::string& scenario, std::vector<std::string> extra = {}) {
        rig::SippOptions options;
        options.scenario = kScenarios + "/" + scenario;
        options.remote = "127.0.0.1:" + std::to_string(port);
        options.extra_args = {"-m", "1"};
        options.extra_args.insert(options.extra_args.end(), extra.begin(), extra.end());
        rig::Sipp sipp(options);
        std::optional<int> status;
        test::pump_until(base.get(), [&] { return (status = sipp.wait_exit(0ms)).has_value(); }, 15s);
        return status.value_or(-1);
    }
};

}  // namespace

TEST_CASE("OPTIONS is answered with 200 over UDP and TCP") {
    Rig rig;
    CHECK(rig.run_sipp("options.xml") == 0);
    CHECK(rig.run_sipp("options.xml", {"-t", "t1"}) == 0);
}

TEST_CASE("an INVITE reaches the listener with its details and gets the listener's answer") {
    Rig rig;
    CHECK(rig.run_sipp("invite_expect_404.xml", {"-s", "bob"}) == 0);
    REQUIRE(rig.listener.invites.size() == 1);
    const sip::InviteRequest& invite = rig.listener.invites[0];
    CHECK(invite.request_uri == "sip:bob@127.0.0.1:" + std::to_string(rig.port));
    CHECK(invite.from.rfind("sip:caller@127.0.0.1", 0) == 0);
    CHECK(invite.call_id.find("@127.0.0.1") != std::string::npos);
    CHECK(invite.sdp.find("m=audio 40000 RTP/AVP 0") != std::string::npos);
}

TEST_CASE("a port already in use is refused with a message naming it") {
    const std::uint16_t port = rig::free_port();
    int holder = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(holder, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(holder, 1) == 0);
    std::unique_ptr<event_base, void (*)(event_base*)> base{event_base_new(), &event_base_free};
    sip::SofiaLoop loop(base.get());
    Listener listener;
    sip::AgentOptions options;
    options.port = port;
    CHECK_THROWS_WITH(sip::UserAgent(loop, options, listener),
                      ("cannot listen for SIP on 127.0.0.1:" + std::to_string(port) +
                       "/tcp: Address already in use").c_str());
    close(holder);
}

TEST_CASE("shutdown completes and is reported once") {
    Rig rig;
    rig.agent->shutdown();
    REQUIRE(test::pump_until(rig.base.get(), [&] { return rig.listener.stopped; }));
    CHECK(rig.agent->shut_down());
}

namespace {

sip::RegistrationRequest carol_at(const rig::KamailioServer& kamailio, const std::string& password,
                                  const std::string& transport = "udp") {
    sip::RegistrationRequest request;
    request.aor = "sip:carol@127.0.0.1";
    request.auth_user = "carol";
    request.password = password;
    request.registrar = "sip:127.0.0.1";
    request.proxy = "sip:127.0.0.1:" + std::to_string(kamailio.port()) + ";transport=" + transport;
    request.contact_user = "tok-carol";
    request.expires_s = 120;
    return request;
}

}  // namespace

TEST_CASE("REGISTER with digest authentication through Kamailio, then un-REGISTER") {
    rig::KamailioServer kamailio({.users = {{"carol", "carol-pass"}}});
    Rig rig;
    const sip::RegistrationId id = rig.agent->register_user(carol_at(kamailio, "carol-pass"));
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.registrations.empty(); }, 10s));
    const sip::RegistrationEvent& registered = rig.listener.registrations[0];
    CHECK(registered.id == id);
    CHECK(registered.state == sip::RegistrationState::registered);
    CHECK(registered.status == 200);
    CHECK(registered.expires_s > 0);
    const auto contacts = kamailio.contacts("carol");
    REQUIRE(contacts.size() == 1);
    CHECK(contacts[0].find("sip:tok-carol@127.0.0.1:" + std::to_string(rig.port)) != std::string::npos);

    rig.agent->unregister_user(id);
    REQUIRE(test::pump_until(rig.base.get(), [&] { return rig.listener.registrations.size() == 2; }, 10s));
    CHECK(rig.listener.registrations[1].state == sip::RegistrationState::unregistered);
    CHECK(kamailio.contacts("carol").empty());
    CHECK(rig.agent->registration_count() == 0);
}

TEST_CASE("a wrong password fails once, without looping on challenges") {
    rig::KamailioServer kamailio({.users = {{"carol", "carol-pass"}}});
    Rig rig;
    rig.agent->register_user(carol_at(kamailio, "wrong"));
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.registrations.empty(); }, 10s));
    CHECK(rig.listener.registrations[0].state == sip::RegistrationState::failed);
    CHECK((rig.listener.registrations[0].status == 401 || rig.listener.registrations[0].status == 403));
    test::pump_until(rig.base.get(), [] { return false; }, 300ms);
    CHECK(rig.listener.registrations.size() == 1);
    CHECK(kamailio.contacts("carol").empty());
    CHECK(rig.agent->registration_count() == 0);
}

TEST_CASE("an unreachable registrar fails the registration") {
    rig::KamailioServer kamailio({.users = {{"carol", "carol-pass"}}});
    Rig rig;
    sip::RegistrationRequest request = carol_at(kamailio, "carol-pass", "tcp");
    request.proxy = "sip:127.0.0.1:" + std::to_string(rig::free_port()) + ";transport=tcp";
    rig.agent->register_user(request);
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.registrations.empty(); }, 20s));
    CHECK(rig.listener.registrations[0].state == sip::RegistrationState::failed);
    CHECK(rig.listener.registrations[0].status >= 500);
}
