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

#include <functional>
#include <memory>

using namespace gw;
using namespace std::chrono_literals;

namespace {

const std::string kScenarios = GW_E2E_SCENARIO_DIR;

// Records what the agent reports; incoming calls are answered by `answer_incoming` (404 unless a
// test says otherwise), through the agent, as the gateway does.
struct Listener : sip::SipListener {
    sip::UserAgent* agent = nullptr;
    std::vector<sip::InviteRequest> invites;
    std::vector<sip::RegistrationEvent> registrations;
    std::vector<sip::SipResponse> progress;
    std::vector<sip::SipResponse> answers;
    std::vector<std::pair<sip::CallLegId, sip::CallEnd>> ended;
    std::vector<std::string> reoffers;
    std::function<void(sip::CallLegId)> answer_incoming = [this](sip::CallLegId id) {
        agent->hang_up(id, 404, "Not Found");
    };
    bool stopped = false;
    void on_registration(const sip::RegistrationEvent& event) override { registrations.push_back(event); }
    void on_incoming_call(sip::CallLegId id, const sip::InviteRequest& invite) override {
        invites.push_back(invite);
        answer_incoming(id);
    }
    void on_call_progress(sip::CallLegId, const sip::SipResponse& response) override { progress.push_back(response); }
    void on_call_answered(sip::CallLegId, const sip::SipResponse& response) override { answers.push_back(response); }
    sip::ReofferAnswer on_call_reoffer(sip::CallLegId, std::string_view sdp) override {
        reoffers.emplace_back(sdp);
        return {200, "OK", std::string(sdp), {}};
    }
    void on_reinvite_result(sip::CallLegId, const sip::SipResponse&) override {}
    void on_call_info(sip::CallLegId, std::string_view, std::string_view) override {}
    void on_call_ended(sip::CallLegId id, const sip::CallEnd& end) override { ended.emplace_back(id, end); }
    void on_sip_shutdown_complete() override { stopped = true; }
};

struct Rig {
    Listener listener;
    std::unique_ptr<event_base, void (*)(event_base*)> base{event_base_new(), &event_base_free};
    std::unique_ptr<sip::SofiaLoop> loop;
    std::unique_ptr<sip::UserAgent> agent;
    std::uint16_t port = rig::free_port();

    // `outgoing_port`: outgoing calls from a second user agent on that port (0: none).
    explicit Rig(std::uint16_t outgoing_port = 0) {
        loop = std::make_unique<sip::SofiaLoop>(base.get());
        sip::AgentOptions options;
        options.port = port;
        options.outgoing_port = outgoing_port;
        agent = std::make_unique<sip::UserAgent>(*loop, options, listener);
        listener.agent = agent.get();
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

namespace {

const char* kOffer =
    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-16\r\na=sendrecv\r\n";

sip::OutgoingCall call_to(const std::string& target, const std::string& proxy) {
    sip::OutgoingCall call;
    call.from = "sip:carol@127.0.0.1";
    call.to = target;
    call.proxy = proxy;
    call.auth_user = "carol";
    call.password = "carol-pass";
    call.contact_user = "tok-carol";
    call.sdp = kOffer;
    call.call_id = "test-call-1@gateway";
    return call;
}

}  // namespace

TEST_CASE("a call placed straight to a callee: ringing, answer with SDP, our BYE; no leg is left") {
    Rig rig;
    rig::Sipp bob({.scenario = rig::sipp_scenario("answer"), .extra_args = {"-m", "1"}});
    const sip::CallLegId id = rig.agent->invite(
        call_to("sip:bob@127.0.0.1:" + std::to_string(bob.port()), ""));
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.answers.empty(); }, 10s));
    REQUIRE_FALSE(rig.listener.progress.empty());
    CHECK(rig.listener.progress[0].status == 180);
    CHECK(rig.listener.answers[0].status == 200);
    CHECK(rig.listener.answers[0].sdp.find("m=audio") != std::string::npos);
    CHECK(rig.agent->call_leg_count() == 1);
    rig.agent->hang_up(id);
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.ended.empty(); }, 10s));
    CHECK(rig.listener.ended[0].first == id);
    CHECK(rig.listener.ended[0].second.reason == "BYE");
    CHECK_FALSE(rig.listener.ended[0].second.by_remote);
    CHECK(rig.agent->call_leg_count() == 0);
    CHECK(bob.wait_exit(5s) == 0);
    CHECK(bob.messages_log().find("Call-ID: test-call-1@gateway") != std::string::npos);
}

TEST_CASE("a call through Kamailio answers the proxy's digest challenge with the user's credentials") {
    rig::KamailioServer kamailio({.users = {{"carol", "carol-pass"}}});
    Rig rig;
    rig::Sipp bob({.scenario = rig::sipp_scenario("answer"), .extra_args = {"-m", "1"}});
    kamailio.add_static_contact("bob", "sip:bob@127.0.0.1:" + std::to_string(bob.port()));
    const std::string proxy = "sip:127.0.0.1:" + std::to_string(kamailio.port());
    const sip::CallLegId id = rig.agent->invite(call_to("sip:bob@127.0.0.1", proxy));
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.answers.empty(); }, 10s));
    rig.agent->hang_up(id);
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.ended.empty(); }, 10s));
    CHECK(rig.listener.ended[0].second.established);
    CHECK(bob.wait_exit(5s) == 0);
    CHECK(rig.agent->call_leg_count() == 0);
}

TEST_CASE("a wrong password on a call fails once with the proxy's status") {
    rig::KamailioServer kamailio({.users = {{"carol", "carol-pass"}}});
    Rig rig;
    sip::OutgoingCall call = call_to("sip:bob@127.0.0.1", "sip:127.0.0.1:" + std::to_string(kamailio.port()));
    call.password = "wrong";
    rig.agent->invite(call);
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.ended.empty(); }, 10s));
    const sip::CallEnd& end = rig.listener.ended[0].second;
    CHECK((end.status == 407 || end.status == 403));
    CHECK(end.by_remote);
    CHECK_FALSE(end.established);
    CHECK(rig.agent->call_leg_count() == 0);
}

TEST_CASE("with an outgoing port, calls leave from it and the callee's BYE comes back to it, "
          "while registrations stay on the listen port") {
    rig::KamailioServer kamailio({.users = {{"carol", "carol-pass"}}});
    const std::uint16_t outgoing = rig::free_port();
    Rig rig(outgoing);
    rig.agent->register_user(carol_at(kamailio, "carol-pass"));
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.registrations.empty(); }, 10s));
    CHECK(rig.listener.registrations[0].status == 200);

    rig::Sipp bob({.scenario = rig::sipp_scenario("answer_then_hangup"), .extra_args = {"-m", "1", "-d", "200"}});
    const sip::CallLegId id = rig.agent->invite(call_to("sip:bob@127.0.0.1:" + std::to_string(bob.port()), ""));
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.ended.empty(); }, 10s));
    CHECK(rig.listener.ended[0].first == id);
    CHECK(rig.listener.ended[0].second.by_remote);
    CHECK(rig.listener.ended[0].second.established);
    CHECK(bob.wait_exit(5s) == 0);
    const std::string log = bob.messages_log();
    const std::string at_outgoing = "127.0.0.1:" + std::to_string(outgoing);
    CHECK(log.find("Contact: <sip:tok-carol@" + at_outgoing) != std::string::npos);
    CHECK(log.find("Via: SIP/2.0/UDP " + at_outgoing) != std::string::npos);
    CHECK(rig.agent->call_leg_count() == 0);

    // Both user agents shut down before the agent reports it.
    rig.agent->shutdown();
    REQUIRE(test::pump_until(rig.base.get(), [&] { return rig.listener.stopped; }, 10s));
}

TEST_CASE("with an outgoing port, a registrar's Service-Route still leads the user's calls") {
    rig::Sipp bob({.scenario = rig::sipp_scenario("answer"), .extra_args = {"-m", "1"}});
    const std::string bob_at = "127.0.0.1:" + std::to_string(bob.port());
    rig::Sipp registrar({.scenario = rig::sipp_scenario("registrar_service_route"),
                         .extra_args = {"-m", "1"}, .keys = {{"route_host", bob_at}}});
    Rig rig(rig::free_port());
    sip::RegistrationRequest carol;
    carol.aor = "sip:carol@127.0.0.1";
    carol.registrar = "sip:127.0.0.1:" + std::to_string(registrar.port());
    carol.contact_user = "tok-carol";
    carol.expires_s = 120;
    const sip::RegistrationId registration = rig.agent->register_user(carol);
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.registrations.empty(); }, 10s));
    REQUIRE(rig.listener.registrations[0].status == 200);

    // No proxy and a Request-URI without a port: only the Service-Route leads to bob.
    const sip::CallLegId id = rig.agent->invite(call_to("sip:bob@127.0.0.1", ""));
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.answers.empty(); }, 10s));
    rig.agent->hang_up(id);
    REQUIRE(test::pump_until(rig.base.get(), [&] { return !rig.listener.ended.empty(); }, 10s));
    CHECK(bob.wait_exit(5s) == 0);
    CHECK(bob.messages_log().find("Route: <sip:" + bob_at + ";lr>") != std::string::npos);

    rig.agent->unregister_user(registration);
    REQUIRE(test::pump_until(rig.base.get(), [&] { return rig.listener.registrations.size() == 2; }, 10s));
    CHECK(registrar.wait_exit(5s) == 0);
}
