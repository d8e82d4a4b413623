// The media descriptions of a call: offers and answers both ways, hold, and re-offers.
#include "gateway/call_media.hpp"
#include "media/jingle_xml.hpp"
#include "media/xml.hpp"

#include <doctest/doctest.h>

using namespace gw;

namespace {

const char* kSipOffer =
    "v=0\r\no=peer 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
    "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-16\r\na=sendrecv\r\n";

media::JingleSession jingle_offer() {
    auto xml = media::parse_xml(
        "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s1' initiator='a@x/p'>"
        "<content creator='initiator' name='audio' senders='both'>"
        "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
        "<payload-type id='0' name='PCMU' clockrate='8000'/>"
        "<payload-type id='101' name='telephone-event' clockrate='8000'/></description>"
        "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>"
        "<candidate component='1' generation='0' id='c1' ip='198.51.100.7' port='5000'/></transport>"
        "</content></jingle>");
    REQUIRE(xml);
    auto session = media::parse_jingle(*xml);
    REQUIRE(session);
    return *session;
}

}  // namespace

TEST_CASE("outgoing: the Jingle offer becomes the INVITE's SDP, the SIP answer a session-accept") {
    auto sdp = offer_sdp_from_jingle(jingle_offer(), new_origin(42, "203.0.113.5"));
    REQUIRE(sdp);
    CHECK(sdp->find("o=xmpp-sip-gateway 42 1 IN IP4 203.0.113.5") != std::string::npos);
    CHECK(sdp->find("c=IN IP4 198.51.100.7") != std::string::npos);
    CHECK(sdp->find("m=audio 5000 RTP/AVP 0 101") != std::string::npos);

    const std::string answer = "v=0\r\no=b 2 2 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\n"
                               "m=audio 7000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    auto accept = answer_jingle_from_sdp(answer, jingle_offer(), {"s1", "a@x/p", "bob%example.com@gw"});
    REQUIRE(accept);
    CHECK(accept->action == "session-accept");
    CHECK(accept->responder == "bob%example.com@gw");
    REQUIRE(accept->contents.size() == 1);
    CHECK(accept->contents[0].name == "audio");  // named after the offer although the SDP has no mid
    const auto* raw = std::get_if<media::RawUdpTransport>(&accept->contents[0].transport);
    REQUIRE(raw != nullptr);
    CHECK(raw->candidates.at(0).ip == "192.0.2.9");
    CHECK(raw->candidates.at(0).port == 7000);
}

TEST_CASE("incoming: the SIP offer becomes session-initiate, the client's accept the 200's SDP") {
    auto initiate = offer_jingle_from_sdp(kSipOffer, {"s9", "carol%example.org@gw/sip", "a@x/p"});
    REQUIRE(initiate);
    CHECK(initiate->initiator == "carol%example.org@gw/sip");
    REQUIRE(initiate->contents.size() == 1);
    REQUIRE(initiate->contents[0].description);
    CHECK(initiate->contents[0].description->payload_types.size() == 2);

    media::JingleSession accept = jingle_offer();
    accept.action = "session-accept";
    auto sdp = answer_sdp_from_jingle(accept, kSipOffer, new_origin(7, "203.0.113.5"));
    REQUIRE(sdp);
    CHECK(sdp->find("m=audio 5000 RTP/AVP 0 101") != std::string::npos);

    CHECK_FALSE(offer_jingle_from_sdp("v=0\r\nthis is not SDP", {"s", "i", "r"}));
    auto video_only_data = offer_jingle_from_sdp(
        "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=application 5000 UDP/DTLS/SCTP webrtc-datachannel\r\n",
        {"s", "i", "r"});
    REQUIRE_FALSE(video_only_data);
    CHECK(video_only_data.error().find("no RTP") != std::string::npos);
}

TEST_CASE("hold and resume change the direction and raise the o= version") {
    auto held = sdp_with_hold(kSipOffer, true);
    REQUIRE(held);
    CHECK(held->find("a=sendonly") != std::string::npos);
    CHECK(held->find("a=sendrecv") == std::string::npos);
    CHECK(held->find("o=peer 1 2 IN IP4") != std::string::npos);
    auto resumed = sdp_with_hold(*held, false);
    REQUIRE(resumed);
    CHECK(resumed->find("a=sendrecv") != std::string::npos);
    CHECK(resumed->find("o=peer 1 3 IN IP4") != std::string::npos);
}

TEST_CASE("re-offers: a refresh or hold is the same call, a new address or codec is a change") {
    auto refresh = compare_reoffer(kSipOffer, kSipOffer);
    REQUIRE(refresh);
    CHECK(refresh->kind == Reoffer::Kind::same);
    CHECK_FALSE(refresh->remote_holds);

    auto held = sdp_with_hold(kSipOffer, true);
    REQUIRE(held);
    auto hold = compare_reoffer(kSipOffer, *held);
    REQUIRE(hold);
    CHECK(hold->kind == Reoffer::Kind::same);
    CHECK(hold->remote_holds);

    std::string moved = kSipOffer;
    moved.replace(moved.find("m=audio 4000"), 12, "m=audio 4002");
    auto change = compare_reoffer(kSipOffer, moved);
    REQUIRE(change);
    CHECK(change->kind == Reoffer::Kind::changed);
    CHECK(change->what_changed.find("port 4000 -> 4002") != std::string::npos);
}

TEST_CASE("the answer to a re-offer mirrors its directions, minding the user's own hold") {
    const std::string local = "v=0\r\no=gw 5 1 IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n"
                              "m=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    auto held_offer = sdp_with_hold(kSipOffer, true);
    REQUIRE(held_offer);
    auto answer = sdp_answering_directions(local, *held_offer, false);
    REQUIRE(answer);
    CHECK(answer->find("a=recvonly") != std::string::npos);
    CHECK(answer->find("o=gw 5 2 IN IP4") != std::string::npos);
    auto same = sdp_answering_directions(local, kSipOffer, false);
    REQUIRE(same);
    CHECK(same->find("o=gw 5 1 IN IP4") != std::string::npos);  // unchanged: same version
    auto while_held = sdp_answering_directions(local, kSipOffer, true);
    REQUIRE(while_held);
    CHECK(while_held->find("a=sendonly") != std::string::npos);
}

TEST_CASE("the default candidate is IPv4 even when a dual-stack client ranks IPv6 first") {
    auto xml = media::parse_xml(
        "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='v6' initiator='a@x/p'>"
        "<content creator='initiator' name='0' senders='both'>"
        "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
        "<payload-type id='0' name='PCMU' clockrate='8000'/></description>"
        "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u1' pwd='pwd-that-is-long-enough'>"
        "<candidate component='1' foundation='1' generation='0' id='a' ip='2001:db8::7' port='50001' "
        "priority='2122262783' protocol='udp' type='host'/>"
        "<candidate component='1' foundation='2' generation='0' id='b' ip='192.0.2.7' port='50002' "
        "priority='2122194687' protocol='udp' type='host'/></transport></content></jingle>");
    REQUIRE(xml);
    auto session = media::parse_jingle(*xml);
    REQUIRE(session);
    auto sdp = offer_sdp_from_jingle(*session, new_origin(1, "203.0.113.5"));
    REQUIRE(sdp);
    CHECK(sdp->find("c=IN IP4 192.0.2.7") != std::string::npos);
    CHECK(sdp->find("m=audio 50002 ") != std::string::npos);
    CHECK(sdp->find("a=candidate:1 1 udp 2122262783 2001:db8::7 50001 typ host") != std::string::npos);
}
