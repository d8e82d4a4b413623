// Media flows between the endpoints, never through the gateway: alice's client (with an RTP
// probe as its audio port) and baresip, a real SIP phone registered at Kamailio, in both
// directions of calling.
#include "tests/e2e/call_world.hpp"
#include "tests/e2e/jingle_client.hpp"
#include "tests/rig/baresip.hpp"
#include "tests/rig/readiness.hpp"
#include "tests/rig/rtp_probe.hpp"

#include <doctest/doctest.h>

using namespace gw;
using namespace gw::test;
using namespace std::chrono_literals;

namespace {

const std::string kBob = std::string("bob%127.0.0.1@") + kComponent;

// The raw-UDP candidate of a session-accept or session-initiate: "ip:port".
std::string candidate_of(const rig::Stanza& iq) {
    const rig::Stanza* content = jingle_of(iq)->child("content");
    REQUIRE(content != nullptr);
    const rig::Stanza* transport = content->child("transport", "urn:xmpp:jingle:transports:raw-udp:1");
    REQUIRE(transport != nullptr);
    const rig::Stanza* candidate = transport->child("candidate");
    REQUIRE(candidate != nullptr);
    return candidate->attr("ip") + ":" + candidate->attr("port");
}

}  // namespace

TEST_CASE("alice calls baresip: its RTP reaches the port her client advertised, from the port it answered") {
    CallWorld world;
    rig::Baresip bob({.user = "bob", .registrar_port = world.kamailio.port()});
    REQUIRE(bob.wait_registered());
    rig::RtpProbe alice_audio;

    const std::string id = world.alice->next_id();
    world.alice->send(jingle_iq(id, kBob, "session-initiate", "m1", audio_content(alice_audio.port()),
                                world.alice->full_jid()));
    REQUIRE(world.alice->wait_for_id(id));
    auto accept = expect_jingle(*world.alice, "session-accept", "m1", 15s);
    REQUIRE(accept);
    const std::string bob_media = candidate_of(*accept);
    CHECK(bob.wait_call_established());

    // baresip sends its 440 Hz tone as PCMU straight to the client's port...
    REQUIRE(alice_audio.wait_for_packets(25, 10s));
    CHECK(alice_audio.payload_types().count(0) == 1);
    CHECK(alice_audio.sources() == std::set<std::string>{bob_media});
    // ...and the client's audio reaches the address baresip answered with.
    const auto colon = bob_media.rfind(':');
    alice_audio.send_stream(bob_media.substr(0, colon), static_cast<std::uint16_t>(std::stoi(bob_media.substr(colon + 1))),
                            500ms);
    CHECK(alice_audio.wait_stream_done(5s));
    // The gateway never carried media: nothing in its SIP port range was a media address.
    CHECK(bob_media.find(":" + std::to_string(world.gateway->config().sip_port)) == std::string::npos);

    const std::string bye = world.alice->next_id();
    world.alice->send(jingle_iq(bye, kBob, "session-terminate", "m1", "<reason><success/></reason>"));
    REQUIRE(world.alice->wait_for_id(bye));
    CHECK(bob.wait_call_closed());
    CHECK(world.calls_settled());
}

TEST_CASE("baresip calls alice: she answers with her port, baresip's RTP arrives there; baresip hangs up") {
    CallWorld world;
    rig::Baresip bob({.user = "bob", .registrar_port = world.kamailio.port()});
    REQUIRE(bob.wait_registered());
    rig::RtpProbe alice_audio;

    bob.dial("sip:carol@127.0.0.1:" + std::to_string(world.kamailio.port()));
    auto initiate = expect_jingle(*world.alice, "session-initiate", "", 15s);
    REQUIRE(initiate);
    // baresip's From carries its port: the contact keeps it (XEP-0106 escaped), so calling back works.
    const std::string from = initiate->attr("from");
    CHECK(from.rfind("bob%127.0.0.1\\3a", 0) == 0);
    CHECK(from.find(std::string("@") + kComponent + "/sip") != std::string::npos);
    const std::string bob_media = candidate_of(*initiate);
    const std::string sid = jingle_of(*initiate)->attr("sid");
    const std::string id = world.alice->next_id();
    world.alice->send(jingle_iq(id, initiate->attr("from"), "session-accept", sid,
                                audio_content(alice_audio.port(), "initiator"), jingle_of(*initiate)->attr("initiator")));
    REQUIRE(world.alice->wait_for_id(id));
    CHECK(bob.wait_call_established());
    REQUIRE(alice_audio.wait_for_packets(25, 10s));
    CHECK(alice_audio.sources() == std::set<std::string>{bob_media});

    bob.hangup();
    auto end = expect_jingle(*world.alice, "session-terminate", sid);
    REQUIRE(end);
    CHECK(reason_of(*jingle_of(*end)) == "success");
    CHECK(world.calls_settled());
}
