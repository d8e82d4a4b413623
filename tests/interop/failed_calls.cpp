#include "tests/interop/failed_calls.hpp"

#include "tests/rig/sipp.hpp"

#include <doctest/doctest.h>

namespace gw::interop {

using namespace std::chrono_literals;

void phone_refuses_call(InteropWorld& world) {
    auto bob = world.phone("bob", rig::BaresipMedia::ice_dtls_srtp, rig::BaresipAnswerMode::manual);

    const std::string sid = world.alice->command("call", {{"to", InteropWorld::contact("bob")}}).at("sid");
    REQUIRE(bob->wait_incoming_call(15s));
    CHECK(world.alice->wait_event("ringing", sid));
    bob->hangup();  // baresip rejects a ringing call with 486
    const auto ended = world.alice->wait_event("terminated", sid);
    REQUIRE(ended);
    CHECK(text(*ended, "reason") == "busy");
    CHECK(text(*ended, "text").find("486") != std::string::npos);
    CHECK(world.alice->events("accepted").empty());
    CHECK(world.calls_settled());
}

void callee_declines_call(InteropWorld& world) {
    // baresip cannot answer 603; sipp's decline callee does (ringing first), whatever the offer.
    rig::Sipp dave({.scenario = rig::sipp_scenario("decline"), .extra_args = {"-m", "1"}});
    world.kamailio.add_static_contact("dave", "sip:dave@127.0.0.1:" + std::to_string(dave.port()));

    const std::string sid = world.alice->command("call", {{"to", InteropWorld::contact("dave")}}).at("sid");
    const auto ended = world.alice->wait_event("terminated", sid, 15s);
    REQUIRE(ended);
    CHECK(text(*ended, "reason") == "decline");
    CHECK(text(*ended, "text").find("603") != std::string::npos);
    CHECK(dave.wait_exit(10s) == 0);
    CHECK(world.calls_settled());
}

void alice_declines_call(InteropWorld& world) {
    auto bob = world.phone("bob", rig::BaresipMedia::ice_dtls_srtp);

    bob->dial(world.carol_uri());
    const auto incoming = world.alice->wait_event("incoming", "", 15s);
    REQUIRE(incoming);
    world.alice->command("decline", {{"sid", text(*incoming, "sid")}});
    const auto closed = bob->wait_call_closed();
    REQUIRE(closed);
    CHECK(closed->param == "603 Decline");  // what the phone shows
    CHECK(world.calls_settled());
}

void nobody_answers_call(InteropWorld& world) {
    auto bob = world.phone("bob", rig::BaresipMedia::ice_dtls_srtp);

    bob->dial(world.carol_uri());
    const auto incoming = world.alice->wait_event("incoming", "", 15s);
    REQUIRE(incoming);
    const auto ended = world.alice->wait_event("terminated", text(*incoming, "sid"), 15s);
    REQUIRE(ended);
    CHECK(text(*ended, "reason") == "timeout");
    const auto closed = bob->wait_call_closed();
    REQUIRE(closed);
    CHECK(closed->param == "480 Temporarily Unavailable");  // what the phone shows
    CHECK(world.calls_settled());
}

void plain_rtp_phone_call(InteropWorld& world) {
    auto carl = world.phone("carl", rig::BaresipMedia::plain_rtp);

    const std::string sid = world.alice->command("call", {{"to", InteropWorld::contact("carl")}}).at("sid");
    const auto ended = world.alice->wait_event("terminated", sid, 15s);
    REQUIRE(ended);
    INFO("reason text: " << text(*ended, "text"));
    CHECK(text(*ended, "reason") == "incompatible-parameters");
    CHECK_FALSE(text(*ended, "text").empty());
    CHECK(world.alice->events("accepted").empty());
    CHECK_FALSE(carl->wait_call_established(0ms));
    CHECK(world.calls_settled());
}

}  // namespace gw::interop
