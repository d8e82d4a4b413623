// Trickle ICE (RFC 8840 sdpfrag bodies, pending descriptions) and o= versions across re-offers.
#include <doctest/doctest.h>

#include <string>

#include "media/jingle_xml.hpp"
#include "media/sdp_attributes.hpp"
#include "media/sdp_origin.hpp"
#include "media/trickle.hpp"
#include "support/corpus.hpp"
#include "support/snippets.hpp"

using namespace gw::media;
using namespace gw::media::test;

namespace {

IceCandidate srflx() {
    return sdp_attr::parse_candidate("2872832168 1 udp 1686052607 203.0.113.7 54400 typ srflx raddr 192.168.1.20 rport 54400 generation 0");
}

TrickleFragment parsed_fragment(const std::string& text) {
    auto fragment = parse_sdpfrag(text);
    REQUIRE_MESSAGE(fragment.ok(), fragment.error());
    return *fragment;
}

}  // namespace

TEST_CASE("a single candidate as an application/trickle-ice-sdpfrag body and back") {
    TrickleFragment fragment;
    TrickleMedia m;
    m.mid = "0";
    m.media = "audio";
    m.proto = "UDP/TLS/RTP/SAVPF";
    m.formats = {"111", "0"};
    m.ufrag = "5wIS";
    m.pwd = "cGebcy8F5n3/YNBDRzrZSgqb";
    m.candidates = {srflx()};
    fragment.media.push_back(m);
    auto text = render_sdpfrag(fragment);
    REQUIRE(text.ok());
    CHECK(*text ==
          "a=ice-options:trickle\r\n"
          "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n"
          "a=mid:0\r\n"
          "a=ice-ufrag:5wIS\r\n"
          "a=ice-pwd:cGebcy8F5n3/YNBDRzrZSgqb\r\n"
          "a=candidate:2872832168 1 udp 1686052607 203.0.113.7 54400 typ srflx raddr 192.168.1.20 rport 54400 generation 0\r\n");
    CHECK(parsed_fragment(*text) == fragment);
}

TEST_CASE("sdpfrag: session-level credentials and end-of-candidates cover every section") {
    TrickleFragment f = parsed_fragment(read_file(data_dir() / "sdpfrag" / "baresip-session-level-no-mid.sdpfrag"));
    REQUIRE(f.media.size() == 1);
    CHECK(f.media[0].mid.empty());
    CHECK(f.media[0].ufrag == "2JgJ");
    CHECK(f.media[0].end_of_candidates);
    CHECK(f.media[0].candidates[0].type == "relay");
}

TEST_CASE("sdpfrag errors") {
    CHECK(parse_sdpfrag("a=candidate:1 1 udp 1 192.0.2.1 1 typ host\r\n").error() == "line 1: a=candidate before any m= line");
    CHECK(parse_sdpfrag("m=audio 9 RTP/AVP 0\r\na=candidate:1 1 udp 1 192.0.2.1\r\n").error() == "line 2: a=candidate: missing port");
    CHECK(parse_sdpfrag("v=0\r\n").error() == "line 1: v= is not allowed in an sdpfrag");
    CHECK(parse_sdpfrag("m=audio 9 RTP/AVP 0\r\na=mid:a\rb\r\n").error() == "line 2: carriage return inside a line");
    TrickleFragment injected;
    injected.media.push_back(TrickleMedia{});
    injected.media[0].mid = "0\r\na=candidate:evil";
    CHECK(render_sdpfrag(injected).error() == "mid contains a line break");
}

TEST_CASE("a Jingle transport-info becomes an INFO body with the session's m= lines, and back") {
    const SdpSession session_sdp = sdp_parsed(read_file(data_dir() / "sdp" / "chrome-audio-offer-trickle.sdp"));
    JingleSession info = jingle_of(jingle_xml(
        "<content creator='initiator' name='0'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='5wIS' pwd='cGebcy8F5n3/YNBDRzrZSgqb'>"
        "<candidate component='1' foundation='2872832168' generation='0' id='x1' ip='203.0.113.7' port='54400' priority='1686052607' "
        "protocol='udp' rel-addr='192.168.1.20' rel-port='54400' type='srflx'/></transport></content>",
        "transport-info"));
    auto fragment = transport_info_to_sdpfrag(info, &session_sdp);
    REQUIRE(fragment.ok());
    auto text = render_sdpfrag(*fragment);
    REQUIRE(text.ok());
    CHECK(*text == read_file(data_dir() / "sdpfrag" / "chrome-single-candidate.sdpfrag"));

    ToJingleOptions options;
    options.sid = "s1";
    auto back = sdpfrag_to_transport_info(parsed_fragment(*text), &session_sdp, options);
    REQUIRE_MESSAGE(back.ok(), back.error());
    CHECK(back->action == "transport-info");
    const auto& ice = std::get<IceUdpTransport>(back->contents[0].transport);
    IceCandidate expected = std::get<IceUdpTransport>(info.contents[0].transport).candidates[0];
    expected.id = ice.candidates[0].id;
    CHECK(ice.candidates[0] == expected);

    JingleSession stray = info;
    stray.contents[0].name = "7";
    CHECK(transport_info_to_sdpfrag(stray, &session_sdp).error() == "content '7': not a section of the session");
}

TEST_CASE("without a=mid on the peer's side the INFO body lists every section by position") {
    const SdpSession baresip = sdp_parsed(read_file(data_dir() / "sdp" / "baresip-dtls-offer.sdp"));
    JingleSession info = jingle_of(jingle_xml(
        "<content creator='initiator' name='audio'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>"
        "<candidate component='1' foundation='7' generation='0' ip='198.51.100.3' port='7000' priority='9' protocol='udp' type='host'/>"
        "</transport></content>", "transport-info"));
    auto fragment = transport_info_to_sdpfrag(info, &baresip);
    REQUIRE(fragment.ok());
    REQUIRE(fragment->media.size() == 1);
    CHECK(fragment->media[0].mid.empty());
    CHECK(fragment->media[0].proto == "UDP/TLS/RTP/SAVPF");

    ToJingleOptions options;
    options.sid = "s1";
    TrickleFragment no_mid = parsed_fragment(read_file(data_dir() / "sdpfrag" / "baresip-session-level-no-mid.sdpfrag"));
    auto named = sdpfrag_to_transport_info(no_mid, &baresip, options);
    REQUIRE_MESSAGE(named.ok(), named.error());
    CHECK(named->contents[0].name == "audio");
    CHECK(sdpfrag_to_transport_info(no_mid, nullptr, options).error() ==
          "sdpfrag section 1 has no a=mid and no known session section");
}

TEST_CASE("trickled candidates are added to a pending SDP description") {
    SdpSession pending = sdp_parsed(read_file(data_dir() / "sdp" / "chrome-audio-offer-trickle.sdp"));
    TrickleFragment fragment = parsed_fragment(read_file(data_dir() / "sdpfrag" / "chrome-single-candidate.sdpfrag"));
    REQUIRE(add_sdpfrag(pending, fragment).ok());
    REQUIRE(add_sdpfrag(pending, fragment).ok());  // a repeated INFO adds nothing
    std::size_t candidates = 0;
    for (const auto& a : pending.media[0].attributes) candidates += a.name == "candidate";
    CHECK(candidates == 1);

    TrickleFragment restart = fragment;
    restart.media[0].ufrag = "newU";
    restart.media[0].end_of_candidates = true;
    REQUIRE(add_sdpfrag(pending, restart).ok());
    CHECK(pending.media[0].find("ice-ufrag")->value == "newU");
    CHECK(pending.media[0].has("end-of-candidates"));

    TrickleFragment unknown = fragment;
    unknown.media[0].mid = "9";
    CHECK(add_sdpfrag(pending, unknown).error() == "sdpfrag mid '9' matches no m= section");
}

TEST_CASE("o= keeps its session id; the version goes up only when the description changes") {
    SdpOrigin first;
    first.session_id = "8770656990916039506";
    first.session_version = "1";
    SdpOriginTracker tracker(first);
    JingleSession session = jingle_of(jingle_xml(audio_content("<payload-type id='0' name='PCMU' clockrate='8000'/>")));
    auto render = [&] {
        auto sdp = jingle_to_sdp(session, ToSdpOptions{});
        REQUIRE(sdp.ok());
        tracker.stamp(*sdp);
        return *sdp;
    };
    CHECK(render().origin.session_version == "1");
    CHECK(render().origin.session_version == "1");  // resent unchanged (RFC 3264 §8)
    set_senders(session, Senders::initiator);       // hold
    SdpSession held = render();
    CHECK(held.origin.session_version == "2");
    CHECK(held.origin.session_id == "8770656990916039506");
    set_senders(session, Senders::both);  // resume
    CHECK(render().origin.session_version == "3");
    CHECK(increment_decimal("999") == "1000");
    CHECK(increment_decimal("18446744073709551615") == "18446744073709551616");
}
