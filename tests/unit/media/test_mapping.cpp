// One table test per row of the Jingle <-> SDP mapping (docs/translation.md), both directions.
#include <doctest/doctest.h>

#include <string>

#include "media/jingle_xml.hpp"
#include "media/translate.hpp"
#include "support/snippets.hpp"

using namespace gw::media;
using namespace gw::media::test;

namespace {

const std::string kIce =
    "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='Uf1x' pwd='Pw2yPw2yPw2yPw2yPw2yPw2y'/>";
const std::string kPcmu = "<payload-type id='0' name='PCMU' clockrate='8000'/>";
const std::string kAudio = "m=audio 5004 RTP/AVP 0\r\nc=IN IP4 192.0.2.10\r\n";

// Copies, so that binding the result of a temporary session stays valid.
RtpDescription description(const JingleSession& s, std::size_t i = 0) {
    REQUIRE(s.contents.size() > i);
    REQUIRE(s.contents[i].description);
    return *s.contents[i].description;
}

IceUdpTransport ice(const JingleSession& s, std::size_t i = 0) {
    REQUIRE(s.contents.size() > i);
    const auto* t = std::get_if<IceUdpTransport>(&s.contents[i].transport);
    REQUIRE(t != nullptr);
    return *t;
}

}  // namespace

TEST_CASE("content@name <-> a=mid, and <group/> <-> a=group:BUNDLE") {
    const std::string xml = jingle_xml(
        audio_content(kPcmu) +
        "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content name='a'/></group>");
    const std::string sdp = sdp_of(xml);
    CHECK(has_line(sdp, "a=mid:a"));
    CHECK(has_line(sdp, "a=group:BUNDLE a"));
    JingleSession back = jingle_from_sdp(sdp);
    CHECK(back.contents[0].name == "a");
    REQUIRE(back.groups.size() == 1);
    CHECK(back.groups[0] == ContentGroup{"BUNDLE", {"a"}});
}

TEST_CASE("senders <-> direction, seen from the side that wrote the description") {
    struct Row {
        const char* senders;
        Role writer;
        const char* direction;
    };
    const Row rows[] = {
        {"both", Role::initiator, "a=sendrecv"},      {"both", Role::responder, "a=sendrecv"},
        {"initiator", Role::initiator, "a=sendonly"}, {"initiator", Role::responder, "a=recvonly"},
        {"responder", Role::initiator, "a=recvonly"}, {"responder", Role::responder, "a=sendonly"},
        {"none", Role::initiator, "a=inactive"},      {"none", Role::responder, "a=inactive"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.senders);
        CAPTURE(row.direction);
        const std::string sdp = sdp_of(jingle_xml(audio_content(kPcmu, kIce, row.senders)), row.writer);
        CHECK(has_line(sdp, row.direction));
        CHECK(to_string(jingle_from_sdp(sdp, row.writer).contents[0].senders) == row.senders);
    }
}

TEST_CASE("no direction attribute means sendrecv; a session-level one applies to every section") {
    CHECK(jingle_from_sdp(sdp_text(kAudio)).contents[0].senders == Senders::both);
    CHECK(jingle_from_sdp(sdp_text(kAudio, "a=recvonly\r\n")).contents[0].senders == Senders::responder);
    CHECK(jingle_from_sdp(sdp_text(kAudio + "a=sendonly\r\n", "a=recvonly\r\n")).contents[0].senders ==
          Senders::initiator);
}

TEST_CASE("description@media and payload-type ids <-> the m= line") {
    const std::string sdp = sdp_of(jingle_xml(audio_content(
        "<payload-type id='96' name='opus' clockrate='48000' channels='2'/>" + kPcmu +
        "<payload-type id='8' name='PCMA' clockrate='8000'/>", kIce)));
    CHECK(has_line(sdp, "m=audio 9 RTP/AVP 96 0 8"));
    const auto& d = description(jingle_from_sdp(sdp));
    CHECK(d.media == "audio");
    REQUIRE(d.payload_types.size() == 3);
    CHECK(d.payload_types[0].id == 96);
    CHECK(d.payload_types[2].id == 8);
}

TEST_CASE("payload-type name/clockrate/channels <-> a=rtpmap") {
    const std::string sdp = sdp_of(jingle_xml(audio_content(
        "<payload-type id='111' name='opus' clockrate='48000' channels='2'/>"
        "<payload-type id='9' name='G722' clockrate='8000' channels='1'/>"
        "<payload-type id='18' name='G729'/><payload-type id='13'/>", kIce)));
    CHECK(has_line(sdp, "a=rtpmap:111 opus/48000/2"));
    CHECK(has_line(sdp, "a=rtpmap:9 G722/8000/1"));
    CHECK(has_line(sdp, "a=rtpmap:18 G729/8000"));  // static type: clock rate from RFC 3551
    CHECK(sdp.find("a=rtpmap:13") == std::string::npos);  // nameless static type: m= only
    const auto& d = description(jingle_from_sdp(sdp));
    CHECK(d.payload_types[0].channels == 2u);
    CHECK(d.payload_types[1].channels == 1u);
    CHECK(d.payload_types[3].name == "CN");  // filled in from RFC 3551 for the Jingle side
    CHECK(d.payload_types[3].clockrate == 8000u);

    // A static type without a=rtpmap, as desk phones send them.
    const auto& phone = description(jingle_from_sdp(sdp_text("m=audio 5004 RTP/AVP 0 18\r\nc=IN IP4 192.0.2.10\r\n")));
    CHECK(phone.payload_types[0].name == "PCMU");
    CHECK(phone.payload_types[1].name == "G729");
}

TEST_CASE("payload-type ptime/maxptime <-> a=ptime/a=maxptime") {
    const std::string sdp = sdp_of(jingle_xml(audio_content(
        "<payload-type id='0' name='PCMU' clockrate='8000' ptime='20' maxptime='150'/>"
        "<payload-type id='8' name='PCMA' clockrate='8000' ptime='20' maxptime='150'/>", kIce)));
    CHECK(has_line(sdp, "a=ptime:20"));
    CHECK(has_line(sdp, "a=maxptime:150"));
    for (const auto& pt : description(jingle_from_sdp(sdp)).payload_types) {
        CHECK(pt.ptime == 20u);
        CHECK(pt.maxptime == 150u);
    }
    // Movim and jicofo write them on the description: they apply to every payload type.
    const auto& d = description(jingle_of(jingle_xml(
        "<content creator='initiator' name='a'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio' "
        "ptime='30' maxptime='60'>" + kPcmu + "</description></content>")));
    CHECK(d.payload_types[0].ptime == 30u);
    CHECK(d.payload_types[0].maxptime == 60u);
}

TEST_CASE("parameter <-> a=fmtp, bare tokens kept losslessly") {
    const std::string sdp = sdp_of(jingle_xml(audio_content(
        "<payload-type id='111' name='opus' clockrate='48000' channels='2'>"
        "<parameter name='minptime' value='10'/><parameter name='useinbandfec' value='1'/></payload-type>"
        "<payload-type id='101' name='telephone-event' clockrate='8000'><parameter name='' value='0-16'/></payload-type>"
        "<payload-type id='63' name='red' clockrate='48000' channels='2'><parameter name='111/111'/></payload-type>",
        kIce)));
    CHECK(has_line(sdp, "a=fmtp:111 minptime=10;useinbandfec=1"));
    CHECK(has_line(sdp, "a=fmtp:101 0-16"));  // Conversations/Jitsi spelling
    CHECK(has_line(sdp, "a=fmtp:63 111/111"));  // StanzaJS spelling
    JingleSession back = jingle_from_sdp(sdp);
    const auto& d = description(back);
    CHECK(d.payload_types[1].parameters == std::vector<Parameter>{{"0-16", std::nullopt}});

    auto conversations = render_jingle(back);
    REQUIRE(conversations.ok());
    const Element& te = conversations->children[0].children[0].children[1].children[0];
    CHECK(*te.attribute("name") == "");
    CHECK(*te.attribute("value") == "0-16");
    auto stanza = render_jingle(back, JingleRenderOptions{BareTokenStyle::name_only});
    REQUIRE(stanza.ok());
    const Element& te2 = stanza->children[0].children[0].children[1].children[0];
    CHECK(*te2.attribute("name") == "0-16");
    CHECK(te2.attribute("value") == nullptr);
}

TEST_CASE("rtcp-fb per payload type and for all (*), and trr-int") {
    const std::string xml = jingle_xml(
        "<content creator='initiator' name='v'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>"
        "<payload-type id='96' name='VP8' clockrate='90000'>"
        "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='pli'/>"
        "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='ccm' subtype='tmmbr'>"
        "<parameter name='smaxpr' value='120'/></rtcp-fb>"
        "<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='100'/></payload-type>"
        "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='goog-remb'/>"
        "<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='1000'/>"
        "</description></content>");
    const std::string sdp = sdp_of(xml);
    CHECK(has_line(sdp, "m=video 9 RTP/AVPF 96"));  // feedback makes it AVPF
    CHECK(has_line(sdp, "a=rtcp-fb:96 nack pli"));
    CHECK(has_line(sdp, "a=rtcp-fb:96 ccm tmmbr smaxpr=120"));
    CHECK(has_line(sdp, "a=rtcp-fb:96 trr-int 100"));
    CHECK(has_line(sdp, "a=rtcp-fb:* goog-remb"));
    CHECK(has_line(sdp, "a=rtcp-fb:* trr-int 1000"));
    CHECK(description(jingle_from_sdp(sdp)) == description(jingle_of(xml)));
}

TEST_CASE("rtp-hdrext <-> a=extmap (senders seen from the writer), extmap-allow-mixed") {
    const std::string hdr = "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0";
    const std::string xml = jingle_xml(audio_content(
        kPcmu + "<rtp-hdrext xmlns='" + hdr + "' id='1' uri='urn:ietf:params:rtp-hdrext:ssrc-audio-level'/>"
        "<rtp-hdrext xmlns='" + hdr + "' id='2' uri='urn:ietf:params:rtp-hdrext:csrc-audio-level' senders='responder'/>"
        "<rtp-hdrext xmlns='" + hdr + "' id='3' uri='urn:x' senders='both'><parameter name='extra'/></rtp-hdrext>"
        "<extmap-allow-mixed xmlns='" + hdr + "'/>", kIce));
    const std::string offer = sdp_of(xml, Role::initiator);
    CHECK(has_line(offer, "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level"));
    CHECK(has_line(offer, "a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level"));
    CHECK(has_line(offer, "a=extmap:3/sendrecv urn:x extra"));
    CHECK(has_line(offer, "a=extmap-allow-mixed"));
    CHECK(has_line(sdp_of(xml, Role::responder), "a=extmap:2/sendonly urn:ietf:params:rtp-hdrext:csrc-audio-level"));
    CHECK(jingle_from_sdp(offer).contents == jingle_of(xml).contents);
    // Chrome writes extmap-allow-mixed at session level.
    CHECK(description(jingle_from_sdp(sdp_text(kAudio, "a=extmap-allow-mixed\r\n"))).extmap_allow_mixed);
}

TEST_CASE("rtcp-mux and rtcp-rsize; Jitsi's rtcp-mux inside the transport") {
    const std::string sdp = sdp_of(jingle_xml(audio_content(kPcmu + "<rtcp-mux/><rtcp-reduced-size/>", kIce)));
    CHECK(has_line(sdp, "a=rtcp-mux"));
    CHECK(has_line(sdp, "a=rtcp-rsize"));
    const auto& d = description(jingle_from_sdp(sdp));
    CHECK(d.rtcp_mux);
    CHECK(d.rtcp_reduced_size);
    const std::string jitsi = jingle_xml(audio_content(
        kPcmu, "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'><rtcp-mux/></transport>"));
    CHECK(description(jingle_of(jitsi)).rtcp_mux);
}

TEST_CASE("source/parameter <-> a=ssrc, ssrc-group <-> a=ssrc-group") {
    const std::string ssma = "urn:xmpp:jingle:apps:rtp:ssma:0";
    const std::string xml = jingle_xml(audio_content(
        kPcmu + "<ssrc-group xmlns='" + ssma + "' semantics='FID'><source ssrc='1'/><source ssrc='2'/></ssrc-group>"
        "<source xmlns='" + ssma + "' ssrc='1'><parameter name='cname' value='c1'/>"
        "<parameter name='msid' value='stream track'/></source>"
        "<source xmlns='" + ssma + "' ssrc='2'><parameter name='cname' value='c1'/><parameter name='x-flag'/></source>",
        kIce));
    const std::string sdp = sdp_of(xml);
    CHECK(has_line(sdp, "a=ssrc-group:FID 1 2"));
    CHECK(has_line(sdp, "a=ssrc:1 cname:c1"));
    CHECK(has_line(sdp, "a=ssrc:1 msid:stream track"));
    CHECK(has_line(sdp, "a=ssrc:2 x-flag"));
    CHECK(jingle_from_sdp(sdp).contents == jingle_of(xml).contents);
}

TEST_CASE("bandwidth <-> b=") {
    const std::string xml = jingle_xml(audio_content(kPcmu + "<bandwidth type='AS'>128</bandwidth><bandwidth type='TIAS'>128000</bandwidth>", kIce));
    const std::string sdp = sdp_of(xml);
    CHECK(has_line(sdp, "b=AS:128"));
    CHECK(has_line(sdp, "b=TIAS:128000"));
    CHECK(description(jingle_from_sdp(sdp)).bandwidths == std::vector<Bandwidth>{{"AS", 128}, {"TIAS", 128000}});
    // Movim writes the value as an attribute.
    CHECK(description(jingle_of(jingle_xml(audio_content(kPcmu + "<bandwidth type='AS' value='64'/>")))).bandwidths ==
          std::vector<Bandwidth>{{"AS", 64}});
}

TEST_CASE("encryption/crypto <-> a=crypto with RTP/SAVP; not required <-> RTP/AVP") {
    const std::string crypto =
        "<crypto crypto-suite='AES_CM_128_HMAC_SHA1_80' key-params='inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32' "
        "session-params='KDR=1 UNENCRYPTED_SRTCP' tag='1'/>";
    const std::string required = sdp_of(jingle_xml(audio_content(kPcmu + "<encryption required='1'>" + crypto + "</encryption>", kIce)));
    CHECK(has_line(required, "m=audio 9 RTP/SAVP 0"));
    CHECK(has_line(required, "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32 KDR=1 UNENCRYPTED_SRTCP"));
    const auto& d = description(jingle_from_sdp(required));
    REQUIRE(d.encryption);
    CHECK(d.encryption->required == true);
    CHECK(d.encryption->cryptos[0].session_params == "KDR=1 UNENCRYPTED_SRTCP");

    CHECK(has_line(sdp_of(jingle_xml(audio_content(kPcmu + "<encryption>" + crypto + "</encryption>", kIce))), "m=audio 9 RTP/SAVP 0"));
    const std::string optional = sdp_of(jingle_xml(audio_content(kPcmu + "<encryption required='0'>" + crypto + "</encryption>", kIce)));
    CHECK(has_line(optional, "m=audio 9 RTP/AVP 0"));
    CHECK(description(jingle_from_sdp(optional)).encryption->required == false);
}

TEST_CASE("protocol of the m= line") {
    const std::string fb = "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack'/>";
    const std::string crypto = "<encryption required='1'><crypto crypto-suite='AES_CM_128_HMAC_SHA1_80' key-params='inline:x' tag='1'/></encryption>";
    const std::string dtls = "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'>"
                             "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>AB:CD</fingerprint></transport>";
    CHECK(has_line(sdp_of(jingle_xml(audio_content(kPcmu, kIce))), "m=audio 9 RTP/AVP 0"));
    CHECK(has_line(sdp_of(jingle_xml(audio_content(kPcmu + fb, kIce))), "m=audio 9 RTP/AVPF 0"));
    CHECK(has_line(sdp_of(jingle_xml(audio_content(kPcmu + crypto, kIce))), "m=audio 9 RTP/SAVP 0"));
    CHECK(has_line(sdp_of(jingle_xml(audio_content(kPcmu + crypto + fb, kIce))), "m=audio 9 RTP/SAVPF 0"));
    CHECK(has_line(sdp_of(jingle_xml(audio_content(kPcmu, dtls))), "m=audio 9 UDP/TLS/RTP/SAVPF 0"));
}

TEST_CASE("ICE-UDP ufrag/pwd <-> a=ice-ufrag/a=ice-pwd; session-level credentials (baresip, linphone)") {
    const std::string sdp = sdp_of(jingle_xml(audio_content(kPcmu, kIce)));
    CHECK(has_line(sdp, "a=ice-ufrag:Uf1x"));
    CHECK(has_line(sdp, "a=ice-pwd:Pw2yPw2yPw2yPw2yPw2yPw2y"));
    const auto& t = ice(jingle_from_sdp(sdp_text(
        "m=audio 5004 RTP/AVP 0\r\nc=IN IP4 192.0.2.10\r\n",
        "a=ice-ufrag:sess\r\na=ice-pwd:sessionpasswordsession1\r\na=fingerprint:sha-256 AB:CD\r\na=setup:actpass\r\n")));
    CHECK(t.ufrag == "sess");
    CHECK(t.pwd == "sessionpasswordsession1");
    REQUIRE(t.fingerprints.size() == 1);
    CHECK(t.fingerprints[0] == Fingerprint{"sha-256", "AB:CD", "actpass"});
}

TEST_CASE("candidate <-> a=candidate: every type, related address, generation, network, TCP, IPv6") {
    const std::string t =
        "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'>"
        "<candidate component='1' foundation='1' generation='0' id='c1' ip='192.168.1.2' network='1' port='5000' priority='2130706431' protocol='udp' type='host'/>"
        "<candidate component='1' foundation='2' generation='0' id='c2' ip='203.0.113.2' port='5000' priority='1694498815' protocol='udp' rel-addr='192.168.1.2' rel-port='5000' type='srflx'/>"
        "<candidate component='1' foundation='3' generation='1' id='c3' ip='203.0.113.2' port='5002' priority='1862270975' protocol='udp' rel-addr='192.168.1.2' rel-port='5000' type='prflx'/>"
        "<candidate component='1' foundation='4' generation='0' id='c4' ip='198.51.100.9' port='61000' priority='16777215' protocol='udp' rel-addr='203.0.113.2' rel-port='5000' type='relay'/>"
        "<candidate component='1' foundation='5' generation='0' id='c5' ip='2001:db8::2' port='9' priority='1518280447' protocol='tcp' tcptype='active' type='host'/>"
        "<candidate component='2' foundation='4' generation='0' id='c6' ip='198.51.100.9' port='61001' priority='16777214' protocol='udp' type='relay'/>"
        "</transport>";
    const std::string xml = jingle_xml(audio_content(kPcmu, t));
    const std::string sdp = sdp_of(xml);
    CHECK(has_line(sdp, "a=candidate:1 1 udp 2130706431 192.168.1.2 5000 typ host generation 0 network-id 1"));
    CHECK(has_line(sdp, "a=candidate:2 1 udp 1694498815 203.0.113.2 5000 typ srflx raddr 192.168.1.2 rport 5000 generation 0"));
    CHECK(has_line(sdp, "a=candidate:3 1 udp 1862270975 203.0.113.2 5002 typ prflx raddr 192.168.1.2 rport 5000 generation 1"));
    CHECK(has_line(sdp, "a=candidate:4 1 udp 16777215 198.51.100.9 61000 typ relay raddr 203.0.113.2 rport 5000 generation 0"));
    CHECK(has_line(sdp, "a=candidate:5 1 tcp 1518280447 2001:db8::2 9 typ host tcptype active generation 0"));
    // The default candidate is the relay (RFC 8839 §4.2.1.2), its RTCP twin goes to a=rtcp.
    CHECK(has_line(sdp, "m=audio 61000 RTP/AVP 0"));
    CHECK(has_line(sdp, "c=IN IP4 198.51.100.9"));
    CHECK(has_line(sdp, "a=rtcp:61001 IN IP4 198.51.100.9"));
    JingleSession back = jingle_from_sdp(sdp);
    const auto before = ice(jingle_of(xml)).candidates;
    const auto after = ice(back).candidates;
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        IceCandidate expected = before[i];
        expected.id = after[i].id;
        CHECK(after[i] == expected);
        CHECK_FALSE(after[i].id.empty());
    }
}

TEST_CASE("the default candidate: IPv6 c=, host names skipped, none at all") {
    const std::string v6 = "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'>"
        "<candidate component='1' foundation='1' generation='0' id='a' ip='x1.local' port='1' priority='3' protocol='udp' type='host'/>"
        "<candidate component='1' foundation='2' generation='0' id='b' ip='2001:db8::7' port='2' priority='2' protocol='udp' type='host'/></transport>";
    const std::string sdp = sdp_of(jingle_xml(audio_content(kPcmu, v6)));
    CHECK(has_line(sdp, "m=audio 2 RTP/AVP 0"));
    CHECK(has_line(sdp, "c=IN IP6 2001:db8::7"));
    const std::string none = sdp_of(jingle_xml(audio_content(kPcmu, kIce)));
    CHECK(has_line(none, "m=audio 9 RTP/AVP 0"));
    CHECK(has_line(none, "c=IN IP4 0.0.0.0"));
}

TEST_CASE("fingerprint/setup <-> a=fingerprint/a=setup") {
    const std::string t = "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'>"
        "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='SHA-256' setup='passive'>AB:CD:EF</fingerprint></transport>";
    const std::string sdp = sdp_of(jingle_xml(audio_content(kPcmu, t)));
    CHECK(has_line(sdp, "a=fingerprint:sha-256 AB:CD:EF"));
    CHECK(has_line(sdp, "a=setup:passive"));
    CHECK(ice(jingle_from_sdp(sdp)).fingerprints == std::vector<Fingerprint>{{"sha-256", "AB:CD:EF", "passive"}});
    // The older experimental namespace is still read.
    const std::string old = "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>"
        "<fingerprint xmlns='urn:xmpp:tmp:jingle:apps:dtls:0' hash='sha-1' setup='actpass'>01:02</fingerprint></transport>";
    CHECK(ice(jingle_of(jingle_xml(audio_content(kPcmu, old)))).fingerprints.size() == 1);
}

TEST_CASE("raw-udp candidate <-> c= and the m= port; component 2 <-> a=rtcp") {
    const std::string t = "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>"
        "<candidate component='1' generation='0' id='r1' ip='10.0.1.1' port='49170'/>"
        "<candidate component='2' generation='0' id='r2' ip='10.0.1.2' port='49171'/></transport>";
    const std::string sdp = sdp_of(jingle_xml(audio_content(kPcmu, t)));
    CHECK(has_line(sdp, "m=audio 49170 RTP/AVP 0"));
    CHECK(has_line(sdp, "c=IN IP4 10.0.1.1"));
    CHECK(has_line(sdp, "a=rtcp:49171 IN IP4 10.0.1.2"));
    JingleSession back = jingle_from_sdp(sdp);
    const auto* raw = std::get_if<RawUdpTransport>(&back.contents[0].transport);
    REQUIRE(raw != nullptr);
    REQUIRE(raw->candidates.size() == 2);
    CHECK(raw->candidates[0].ip == "10.0.1.1");
    CHECK(raw->candidates[0].port == 49170);
    CHECK(raw->candidates[1].component == 2);
    CHECK(raw->candidates[1].ip == "10.0.1.2");
    CHECK(raw->candidates[1].port == 49171);

    // A phone without ICE: c= at session level, IPv6, no a=rtcp.
    JingleSession phone = jingle_from_sdp(sdp_text("m=audio 7078 RTP/AVP 0\r\n", "c=IN IP6 2001:db8::33\r\n"));
    const auto* v6 = std::get_if<RawUdpTransport>(&phone.contents[0].transport);
    REQUIRE(v6 != nullptr);
    REQUIRE(v6->candidates.size() == 1);
    CHECK(v6->candidates[0].ip == "2001:db8::33");
    CHECK(has_line(sdp_of(jingle_xml(audio_content(kPcmu,
        "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'><candidate component='1' generation='0' id='x' ip='2001:db8::33' port='7078'/></transport>"))),
        "c=IN IP6 2001:db8::33"));
}

TEST_CASE("BUNDLE sections without their own credentials take them from the bundle's first section") {
    const std::string text = sdp_text(
        "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\na=mid:a\r\na=ice-ufrag:uf\r\na=ice-pwd:pwdpwdpwdpwdpwdpwdpwdpwd\r\n"
        "a=fingerprint:sha-256 AB:CD\r\na=setup:actpass\r\n"
        "m=video 0 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:v\r\na=bundle-only\r\na=rtpmap:96 VP8/90000\r\n",
        "a=group:BUNDLE a v\r\n");
    JingleSession s = jingle_from_sdp(text);
    REQUIRE(s.contents.size() == 2);  // port 0 with a=bundle-only is not a rejection
    CHECK(ice(s, 1).ufrag == "uf");
    CHECK(ice(s, 1).fingerprints.size() == 1);
}

TEST_CASE("rejected and non-RTP sections have no content") {
    JingleSession s = jingle_from_sdp(sdp_text(
        "m=audio 5004 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\na=mid:a\r\n"
        "m=video 0 RTP/AVP 96\r\na=mid:v\r\n"
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 192.0.2.1\r\na=mid:d\r\n",
        "a=group:BUNDLE a v d\r\n"));
    REQUIRE(s.contents.size() == 1);
    CHECK(s.contents[0].name == "a");
    REQUIRE(s.groups.size() == 1);
    CHECK(s.groups[0].contents == std::vector<std::string>{"a"});
}

TEST_CASE("sections without a=mid are named after their media, made unique") {
    JingleSession s = jingle_from_sdp(sdp_text(
        "m=audio 5004 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\n"
        "m=video 5006 RTP/AVP 31\r\nc=IN IP4 192.0.2.1\r\n"
        "m=video 5008 RTP/AVP 31\r\nc=IN IP4 192.0.2.1\r\n"));
    REQUIRE(s.contents.size() == 3);
    CHECK(s.contents[0].name == "audio");
    CHECK(s.contents[1].name == "video-1");
    CHECK(s.contents[2].name == "video-2");
}

TEST_CASE("answers: the SDP answer follows the SDP offer, the Jingle answer takes the offer's names") {
    // A phone's offer without a=mid, an XMPP client's session-accept leaving video out.
    const SdpSession offer = sdp_parsed(sdp_text(
        "m=audio 5004 RTP/AVP 0 8\r\nc=IN IP4 192.0.2.1\r\n"
        "m=video 5006 RTP/AVP 96\r\nc=IN IP4 192.0.2.1\r\na=rtpmap:96 H264/90000\r\n"));
    const std::string accept = jingle_xml(
        "<content creator='initiator' name='audio' senders='both'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
        "<payload-type id='8' name='PCMA' clockrate='8000'/></description>" + kIce + "</content>",
        "session-accept");
    const std::string answer = sdp_of(accept, Role::responder, &offer);
    const auto lines = lines_of(answer);
    CHECK(has_line(answer, "m=audio 9 RTP/AVP 8"));
    CHECK(has_line(answer, "m=video 0 RTP/AVP 96"));
    CHECK(answer.find("a=mid:") == std::string::npos);  // the offer had none (RFC 5888 §9.1)

    const std::string stray = jingle_xml(
        "<content creator='initiator' name='screen'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>"
        "<payload-type id='96' name='VP8' clockrate='90000'/></description></content>", "session-accept");
    CHECK(sdp_of(stray, Role::responder, &offer) == "error: content 'screen' is not in the offer");

    // A Jingle offer answered by a phone that does not use a=mid.
    const JingleSession jingle_offer = jingle_of(jingle_xml(audio_content(kPcmu, kIce)));
    JingleSession named = jingle_from_sdp(sdp_text(kAudio), Role::responder, &jingle_offer);
    CHECK(named.contents[0].name == "a");
    ToJingleOptions options;
    options.sid = "s1";
    options.offer = &jingle_offer;
    auto mismatch = sdp_to_jingle(sdp_parsed(sdp_text(kAudio + kAudio)), options);
    CHECK(mismatch.error() == "the answer has 2 m= sections, the offer had 1 contents");
}

TEST_CASE("hold and unhold: change the direction and render again") {
    JingleSession session = jingle_of(jingle_xml(audio_content(kPcmu, kIce)));
    ToSdpOptions options;
    set_senders(session, senders_for(hold(Direction::sendrecv), Role::initiator));
    auto held = jingle_to_sdp(session, options);
    REQUIRE(held.ok());
    CHECK(held->media[0].has("sendonly"));
    set_senders(session, senders_for(resume(Direction::sendonly), Role::initiator));
    auto resumed = jingle_to_sdp(session, options);
    REQUIRE(resumed.ok());
    CHECK(resumed->media[0].has("sendrecv"));
    CHECK(set_senders(session, "nope", Senders::none).error() == "no content named 'nope'");

    CHECK(hold(Direction::recvonly) == Direction::inactive);
    CHECK(hold(Direction::inactive) == Direction::inactive);
    CHECK(resume(Direction::inactive) == Direction::recvonly);
    CHECK(resume(Direction::sendrecv) == Direction::sendrecv);
}
