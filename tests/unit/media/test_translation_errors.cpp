// Every way a translation can fail, and the message that says what and where. Values that would
// inject SDP lines (or SIP headers) are refused, never copied.
#include <doctest/doctest.h>

#include <string>

#include "media/translate.hpp"
#include "support/snippets.hpp"

using namespace gw::media;
using namespace gw::media::test;

namespace {

const std::string kIce = "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'/>";
const std::string kPcmu = "<payload-type id='0' name='PCMU' clockrate='8000'/>";
const std::string kMedia = "m=audio 5004 RTP/AVP 0 96\r\nc=IN IP4 192.0.2.1\r\na=rtpmap:96 opus/48000/2\r\n";

std::string to_sdp_error(const std::string& description_children, const std::string& transport = kIce) {
    std::string result = sdp_of(jingle_xml(audio_content(description_children, transport)));
    REQUIRE_MESSAGE(result.rfind("error: ", 0) == 0, result);
    return result.substr(7);
}

}  // namespace

TEST_CASE("Jingle -> SDP: what cannot be written is an error naming the content") {
    CHECK(to_sdp_error("") == "content 'a': no payload types");
    CHECK(to_sdp_error("<payload-type id='96' clockrate='48000'/>") == "content 'a': payload-type 96 has no name");
    CHECK(to_sdp_error("<payload-type id='96' name='opus'/>") == "content 'a': payload-type 96 has no clockrate");
    CHECK(to_sdp_error("<payload-type id='96' name='op us' clockrate='1'/>") ==
          "content 'a': a=rtpmap: encoding name 'op us' is not a token");
    CHECK(to_sdp_error(kPcmu, "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'/>") ==
          "content 'a': raw-udp transport without a component 1 candidate");
    CHECK(to_sdp_error(kPcmu, "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>"
                              "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='whenever'>AB</fingerprint></transport>") ==
          "content 'a': fingerprint setup 'whenever' is not actpass, active, passive or holdconn");
    CHECK(sdp_of(jingle_xml("<content creator='initiator' name='a'/>")) == "error: content 'a': no RTP description");
    CHECK(sdp_of(jingle_xml("<content creator='initiator' name='a b'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>" +
                            kPcmu + "</description></content>")) ==
          "error: content 'a b': name contains a space");
}

TEST_CASE("Jingle -> SDP: values that would break an SDP line are refused, not copied") {
    CHECK(to_sdp_error(kPcmu, "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u f'/>") ==
          "content 'a': ufrag contains a space");
    CHECK(to_sdp_error("<payload-type id='96' name='x' clockrate='1'><parameter name='a' value='1;b=2'/></payload-type>") ==
          "content 'a': a=fmtp: value of parameter 'a' cannot be written in SDP");
    CHECK(to_sdp_error("<payload-type id='96' name='x' clockrate='1'><parameter name='a=b' value='1'/></payload-type>") ==
          "content 'a': a=fmtp: parameter name 'a=b' cannot be written in SDP");
    CHECK(to_sdp_error(kPcmu + "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='urn:a urn:b'/>") ==
          "content 'a': a=extmap: URI 'urn:a urn:b' contains a space");
    CHECK(to_sdp_error(kPcmu + "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1'><parameter name='c:name' value='x'/></source>") ==
          "content 'a': a=ssrc: source attribute name 'c:name' contains ':'");
    CHECK(to_sdp_error(kPcmu, "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>"
                              "<candidate component='1' foundation='1' generation='0' ip='192.0.2.1 typ relay' port='1' priority='1' protocol='udp' type='host'/></transport>") ==
          "content 'a': a=candidate: address '192.0.2.1 typ relay' is not an IP address or host name");
    CHECK(to_sdp_error(kPcmu + "<encryption><crypto crypto-suite='AES_CM_128_HMAC_SHA1_80' key-params='inline:a b' tag='1'/></encryption>") ==
          "content 'a': a=crypto: key-params contains a space");  // the key itself is not quoted
    CHECK(to_sdp_error(kPcmu + "<bandwidth type='A S'>1</bandwidth>") == "content 'a': bandwidth type 'A S' is not a token");
    CHECK(sdp_of(jingle_xml(audio_content(kPcmu, kIce) +
                            "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content name='a b'/></group>")) ==
          "error: a=group: mid 'a b' contains a space");
}

TEST_CASE("Jingle -> SDP keeps to the limits SDP is read with") {
    // Each list is within the Jingle limits (256), together they make more than 512 SDP lines.
    std::string feedback;
    for (int i = 0; i < 200; ++i) feedback += "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='x" + std::to_string(i) + "'/>";
    const std::string types = "<payload-type id='96' name='a' clockrate='1'>" + feedback + "</payload-type>" +
                              "<payload-type id='97' name='b' clockrate='1'>" + feedback + "</payload-type>";
    CHECK(to_sdp_error(types + feedback) == "content 'a': more SDP attributes than the limit of 512");
}

TEST_CASE("SDP -> Jingle: errors carry the line number") {
    CHECK(jingle_error(sdp_text(kMedia + "a=candidate:1 1 udp 2130706431 192.0.2.1\r\n")) ==
          "line 8: a=candidate: missing port");
    CHECK(jingle_error(sdp_text(kMedia + "a=fmtp:300 x=1\r\n")) == "line 8: a=fmtp: payload type '300' is not a number in 0..127");
    CHECK(jingle_error(sdp_text(kMedia + "a=rtcp-fb:96\r\n")) == "line 8: a=rtcp-fb: expected <payload type or *> <type> ...");
    CHECK(jingle_error(sdp_text(kMedia + "a=extmap:x urn:y\r\n")) == "line 8: a=extmap: id 'x' is not a number in 0..4351");
    CHECK(jingle_error(sdp_text(kMedia + "a=ssrc:12\r\n")) == "line 8: a=ssrc: missing attribute after SSRC 12");
    CHECK(jingle_error(sdp_text(kMedia + "a=setup:sometimes\r\n")) ==
          "line 8: a=setup: 'sometimes' is not actpass, active, passive or holdconn");
    CHECK(jingle_error(sdp_text(kMedia + "a=ptime:soon\r\n")) == "line 8: a=ptime: value 'soon' is not a number in 0..4294967295");
    CHECK(jingle_error(sdp_text(kMedia + "a=candidate\r\n")) == "line 8: a=candidate: missing value");
    CHECK(jingle_error(sdp_text(kMedia, "a=group:BUNDLE\r\na=group\r\n")) == "line 6: a=group: missing value");
    CHECK(jingle_error(sdp_text("m=audio 5004 RTP/AVP 96\r\nc=IN IP4 192.0.2.1\r\n")) ==
          "line 5: m=: dynamic payload type 96 has no a=rtpmap");
    CHECK(jingle_error(sdp_text("m=audio 5004 RTP/AVP 0 zero\r\nc=IN IP4 192.0.2.1\r\n")) ==
          "line 5: m=: format 'zero' is not an RTP payload type");
    CHECK(jingle_error(sdp_text("m=audio 5004 RTP/AVP 0 0\r\nc=IN IP4 192.0.2.1\r\n")) == "line 5: m=: payload type 0 listed twice");
    CHECK(jingle_error(sdp_text("m=audio 5004 RTP/AVP 0\r\n")) == "line 5: m=audio: no c= line for the section or the session");
    CHECK(jingle_error(sdp_text("m=audio 5004 RTP/AVP 0\r\nc=IN IP4 224.2.1.1/127\r\n")) ==
          "line 5: c=: '224.2.1.1/127' is not a unicast address");
    CHECK(jingle_error(sdp_text(kMedia + "a=mid:a\r\n" + kMedia + "a=mid:a\r\n")) == "line 9: two m= sections named 'a'");
    ToJingleOptions no_sid;
    CHECK(sdp_to_jingle(sdp_parsed(sdp_text(kMedia)), no_sid).error() == "no sid for the Jingle session");
}

TEST_CASE("SDP -> Jingle: values XML cannot carry are refused") {
    CHECK(jingle_error(sdp_text(kMedia + "a=fmtp:96 a=\x01\r\n")) ==
          "line 8: a=fmtp: parameters contains a control character or invalid UTF-8");
    CHECK(jingle_error(sdp_text(kMedia + "a=ice-ufrag:\x1b[31m\r\n")) ==
          "line 8: a=ice-ufrag: '\x1b[31m' is not a single printable word");
    CHECK(jingle_error(sdp_text(kMedia + "a=ssrc:1 cname:\xff\xfe\r\n")) ==
          "line 8: a=ssrc: value of 'cname' contains a control character or invalid UTF-8");
    CHECK(jingle_error(sdp_text(kMedia + "a=mid:\x01\r\n")) == "line 8: a=mid: '\x01' is not a single printable word");
}

TEST_CASE("SDP -> Jingle keeps to the limits Jingle is read with") {
    std::string candidates;
    for (int i = 0; i <= 128; ++i)
        candidates += "a=candidate:1 1 udp 1 192.0.2.1 " + std::to_string(1000 + i) + " typ host\r\n";
    CHECK(jingle_error(sdp_text(kMedia + "a=ice-ufrag:u\r\n" + candidates)) == "line 5: m=audio: more candidates than the limit");
    std::string ssrcs;
    for (int i = 0; i <= 256; ++i) ssrcs += "a=ssrc:1 x" + std::to_string(i) + ":y\r\n";
    CHECK(jingle_error(sdp_text(kMedia + ssrcs)) == "line 5: m=audio: more ssrc lines for one source than the limit");
}

TEST_CASE("secrets are not quoted in error messages (they may be logged)") {
    CHECK(jingle_error(sdp_text(kMedia + "a=ice-ufrag:u\r\na=ice-pwd:secret\x01pwd\r\n")) ==
          "line 9: a=ice-pwd: the value is not a single printable word");
    const std::string error = jingle_error(sdp_text(kMedia + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:KEYKEY\x01KEY\r\n"));
    CHECK(error.find("KEYKEY") == std::string::npos);
    CHECK(error.rfind("line 8: a=crypto: key-params", 0) == 0);
}
