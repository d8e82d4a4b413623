// Typed SDP attribute values: what each parses to, what each renders, what each refuses.
#include <doctest/doctest.h>

#include <string>

#include "media/error.hpp"
#include "media/sdp_attributes.hpp"

using namespace gw::media;
namespace sa = gw::media::sdp_attr;

namespace {

template <class Parse>
std::string error_of(Parse parse, const std::string& value) {
    try {
        parse(value);
    } catch (const MediaError& e) {
        return e.what();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("a=candidate: every field, both directions") {
    auto c = sa::parse_candidate(
        "842163049 1 UDP 1677729535 198.51.100.7 56143 typ SRFLX raddr 10.0.0.2 rport 56143 generation 0 "
        "ufrag EsAw network-id 3 network-cost 50");
    CHECK(c.foundation == "842163049");
    CHECK(c.component == 1);
    CHECK(c.protocol == "udp");
    CHECK(c.priority == 1677729535u);
    CHECK(c.ip == "198.51.100.7");
    CHECK(c.port == 56143);
    CHECK(c.type == "srflx");
    CHECK(c.rel_addr == "10.0.0.2");
    CHECK(c.rel_port == 56143);
    CHECK(c.generation == 0u);
    CHECK(c.network == 3u);
    CHECK(sa::render_candidate(c) ==
          "842163049 1 udp 1677729535 198.51.100.7 56143 typ srflx raddr 10.0.0.2 rport 56143 generation 0 network-id 3");

    auto tcp = sa::parse_candidate("1840965416 1 tcp 1518280447 2001:db8::5 9 typ host tcptype active generation 0");
    CHECK(tcp.tcptype == "active");
    CHECK(sa::render_candidate(tcp) == "1840965416 1 tcp 1518280447 2001:db8::5 9 typ host tcptype active generation 0");

    auto mdns = sa::parse_candidate("1 1 udp 2113937151 0d5f1b3e-7a1c.local 51234 typ host");
    CHECK(mdns.ip == "0d5f1b3e-7a1c.local");
}

TEST_CASE("a=candidate errors say which field") {
    CHECK(error_of(sa::parse_candidate, "1 1 udp 2130706431 192.0.2.1") == "a=candidate: missing port");
    CHECK(error_of(sa::parse_candidate, "1 1 udp") == "a=candidate: missing priority");
    CHECK(error_of(sa::parse_candidate, "1 1 udp 2130706431 192.0.2.1 99999 typ host") ==
          "a=candidate: port '99999' is not a number in 0..65535");
    CHECK(error_of(sa::parse_candidate, "1 1 udp 2130706431 192.0.2.1 5000 type host") ==
          "a=candidate: expected 'typ' after the port, found 'type'");
    CHECK(error_of(sa::parse_candidate, "1 0 udp 2130706431 192.0.2.1 5000 typ host") == "a=candidate: component 0 does not exist");
    CHECK(error_of(sa::parse_candidate, "1 1 udp 4294967296 192.0.2.1 5000 typ host") ==
          "a=candidate: priority '4294967296' is not a number in 0..4294967295");
    CHECK(error_of(sa::parse_candidate, "1 1 udp 1 300.1.1.1 5000 typ host") ==
          "a=candidate: address '300.1.1.1' is not an IP address or host name");
    CHECK(error_of(sa::parse_candidate, "f@o 1 udp 1 192.0.2.1 5000 typ host") ==
          "a=candidate: foundation 'f@o' is not 1-32 ice-chars");
    CHECK(error_of(sa::parse_candidate, "1 1 udp 1 192.0.2.1 5000 typ host raddr") ==
          "a=candidate: extension 'raddr' has no value");
    IceCandidate bad;
    bad.foundation = "1";
    bad.ip = "192.0.2.1\r\na=x";
    CHECK(error_of([&](const std::string&) { return sa::render_candidate(bad); }, "") ==
          "a=candidate: address '192.0.2.1\r\na=x' is not an IP address or host name");
}

TEST_CASE("a=rtpmap and a=fmtp") {
    auto r = sa::parse_rtpmap("111 opus/48000/2");
    CHECK(r.pt == 111);
    CHECK(r.name == "opus");
    CHECK(r.clockrate == 48000u);
    CHECK(r.channels == 2u);
    CHECK(error_of(sa::parse_rtpmap, "128 x/8000") == "a=rtpmap: payload type '128' is not a number in 0..127");
    CHECK(error_of(sa::parse_rtpmap, "96 opus") == "a=rtpmap: expected <name>/<clock rate>[/<channels>], found 'opus'");
    CHECK(error_of(sa::parse_rtpmap, "96") == "a=rtpmap: missing encoding after payload type 96");

    auto f = sa::parse_fmtp("101 0-16");
    REQUIRE(f.parameters.size() == 1);
    CHECK(f.parameters[0] == Parameter{"0-16", std::nullopt});
    auto h264 = sa::parse_fmtp("99 profile-level-id=42801F; packetization-mode=1;");
    CHECK(h264.parameters == std::vector<Parameter>{{"profile-level-id", "42801F"}, {"packetization-mode", "1"}});
    auto b64 = sa::parse_fmtp("97 sprop-parameter-sets=Z0IAH5WoFAFuQA==,aM48gA==");
    CHECK(b64.parameters[0].value == "Z0IAH5WoFAFuQA==,aM48gA==");
    CHECK(sa::render_fmtp(63, {{"111/111", std::nullopt}}) == "63 111/111");
    CHECK(sa::render_fmtp(111, {{"minptime", "10"}, {"useinbandfec", "1"}}) == "111 minptime=10;useinbandfec=1");
    CHECK(error_of([](const std::string&) { return sa::render_fmtp(96, {{"a;b", "1"}}); }, "") ==
          "a=fmtp: parameter name 'a;b' cannot be written in SDP");
    CHECK(error_of([](const std::string&) { return sa::render_fmtp(96, {{"a", "1;b=2"}}); }, "") ==
          "a=fmtp: value of parameter 'a' cannot be written in SDP");
    CHECK(error_of([](const std::string&) { return sa::render_fmtp(96, {{"a", "1\n"}}); }, "") ==
          "a=fmtp: value of parameter 'a' contains a control character or invalid UTF-8");
}

TEST_CASE("a=rtcp-fb, with trr-int and extra parameters") {
    auto nack = sa::parse_rtcp_fb("96 nack pli");
    CHECK(nack.pt == 96u);
    CHECK(nack.feedback.type == "nack");
    CHECK(nack.feedback.subtype == "pli");
    auto all = sa::parse_rtcp_fb("* trr-int 100");
    CHECK_FALSE(all.pt);
    CHECK(all.trr_int == 100u);
    auto tmmbr = sa::parse_rtcp_fb("96 ccm tmmbr smaxpr=120");
    CHECK(tmmbr.feedback.parameters == std::vector<Parameter>{{"smaxpr", "120"}});
    CHECK(sa::render_rtcp_fb(96, tmmbr.feedback) == "96 ccm tmmbr smaxpr=120");
    CHECK(sa::render_rtcp_fb(std::nullopt, {"transport-cc", std::nullopt, {}}) == "* transport-cc");
    CHECK(sa::render_trr_int(std::nullopt, 1000) == "* trr-int 1000");
    CHECK(error_of(sa::parse_rtcp_fb, "96") == "a=rtcp-fb: expected <payload type or *> <type> ...");
    CHECK(error_of(sa::parse_rtcp_fb, "96 trr-int") == "a=rtcp-fb: trr-int needs exactly one value");
}

TEST_CASE("a=extmap with direction and extension attributes") {
    auto e = sa::parse_extmap("2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level");
    CHECK(e.id == 2);
    CHECK(e.direction == Direction::recvonly);
    CHECK(sa::render_extmap(e) == "2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level");
    auto extra = sa::parse_extmap("4 urn:ietf:params:rtp-hdrext:encrypt urn:ietf:params:rtp-hdrext:smpte-tc");
    CHECK(extra.parameters.size() == 1);
    CHECK(sa::render_extmap(extra) == "4 urn:ietf:params:rtp-hdrext:encrypt urn:ietf:params:rtp-hdrext:smpte-tc");
    CHECK(error_of(sa::parse_extmap, "2/sideways uri") == "a=extmap: direction 'sideways' is not a direction");
    CHECK(error_of(sa::parse_extmap, "0 uri") == "a=extmap: id 0 is reserved");
}

TEST_CASE("a=ssrc, a=ssrc-group, a=group, a=fingerprint, a=crypto, a=rtcp") {
    auto s = sa::parse_ssrc("3645068610 msid:stream-id track-id");
    CHECK(s.ssrc == 3645068610u);
    CHECK(s.attribute == Parameter{"msid", "stream-id track-id"});
    CHECK(sa::render_ssrc(s.ssrc, s.attribute) == "3645068610 msid:stream-id track-id");
    CHECK(error_of(sa::parse_ssrc, "4294967296 cname:x") == "a=ssrc: SSRC '4294967296' is not a number in 0..4294967295");

    auto g = sa::parse_ssrc_group("FID 1 2");
    CHECK(g.ssrcs == std::vector<std::uint32_t>{1, 2});
    CHECK(sa::render_group(sa::parse_group("BUNDLE 0 1")) == "BUNDLE 0 1");
    CHECK(sa::parse_group("BUNDLE").contents.empty());

    auto f = sa::parse_fingerprint("SHA-256 AB:CD");
    CHECK(f.hash == "sha-256");
    CHECK(error_of(sa::parse_fingerprint, "sha-256") == "a=fingerprint: expected <hash> <fingerprint>");

    auto c = sa::parse_crypto("1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32 KDR=1 UNENCRYPTED_SRTCP");
    CHECK(c.tag == "1");
    CHECK(c.session_params == "KDR=1 UNENCRYPTED_SRTCP");
    CHECK(sa::render_crypto(c) == "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32 KDR=1 UNENCRYPTED_SRTCP");
    CHECK(error_of(sa::parse_crypto, "x AES_CM_128_HMAC_SHA1_80 inline:abc") == "a=crypto: tag 'x' is not a number in 0..999999999");

    auto r = sa::parse_rtcp("53020 IN IP4 126.16.64.4");
    CHECK(r.port == 53020);
    REQUIRE(r.connection);
    CHECK(r.connection->address == "126.16.64.4");
    CHECK(sa::render_rtcp(r) == "53020 IN IP4 126.16.64.4");
    CHECK(sa::parse_rtcp("9").connection == std::nullopt);
}
