// The SDP model: parse and render every line, keep unknown attributes, say what and where.
#include <doctest/doctest.h>

#include <string>

#include "media/limits.hpp"
#include "media/sdp.hpp"

using namespace gw::media;

namespace {

SdpSession parsed(const std::string& text) {
    auto sdp = parse_sdp(text);
    REQUIRE_MESSAGE(sdp.ok(), sdp.error());
    return *sdp;
}

std::string rendered(const SdpSession& sdp) {
    auto text = render_sdp(sdp);
    REQUIRE_MESSAGE(text.ok(), text.error());
    return *text;
}

std::string parse_error(const std::string& text) {
    auto sdp = parse_sdp(text);
    REQUIRE_FALSE(sdp.ok());
    return sdp.error();
}

const std::string kMinimal = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";

}  // namespace

TEST_CASE("every line type is parsed into the model and rendered back in RFC 8866 order") {
    const std::string text =
        "v=0\r\n"
        "o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5\r\n"
        "s=SDP Seminar\r\n"
        "i=A Seminar on the session description protocol\r\n"
        "u=http://www.example.com/seminars/sdp.pdf\r\n"
        "e=j.doe@example.com (Jane Doe)\r\n"
        "p=+1 617 555-6011\r\n"
        "c=IN IP4 224.2.17.12/127\r\n"
        "b=CT:1000\r\n"
        "t=2873397496 2873404696\r\n"
        "r=7d 1h 0 25h\r\n"
        "z=2882844526 -1h 2898848070 0\r\n"
        "k=prompt\r\n"
        "a=recvonly\r\n"
        "a=x-unknown:keep me\r\n"
        "m=audio 49170/2 RTP/AVP 0\r\n"
        "i=voice\r\n"
        "c=IN IP4 224.2.17.12/127\r\n"
        "b=AS:64\r\n"
        "k=prompt\r\n"
        "a=rtpmap:0 PCMU/8000\r\n"
        "a=x-flag\r\n"
        "m=video 51372 RTP/AVP 99\r\n"
        "a=rtpmap:99 h263-1998/90000\r\n";
    SdpSession sdp = parsed(text);
    CHECK(sdp.origin.username == "jdoe");
    CHECK(sdp.origin.session_id == "2890844526");
    CHECK(sdp.origin.session_version == "2890842807");
    CHECK(sdp.name == "SDP Seminar");
    CHECK(sdp.info == "A Seminar on the session description protocol");
    CHECK(sdp.emails.size() == 1);
    CHECK(sdp.phones.size() == 1);
    REQUIRE(sdp.connection);
    CHECK(sdp.connection->address == "224.2.17.12/127");
    CHECK(sdp.bandwidths == std::vector<SdpBandwidth>{{"CT", 1000}});
    REQUIRE(sdp.timings.size() == 1);
    CHECK(sdp.timings[0].repeats == std::vector<std::string>{"7d 1h 0 25h"});
    CHECK(sdp.zone == "2882844526 -1h 2898848070 0");
    CHECK(sdp.key == "prompt");
    REQUIRE(sdp.attributes.size() == 2);
    CHECK(sdp.attributes[1] == SdpAttribute{"x-unknown", "keep me", 0});
    CHECK(sdp.attributes[1].line == 15);
    REQUIRE(sdp.media.size() == 2);
    const SdpMedia& audio = sdp.media[0];
    CHECK(audio.port == 49170);
    CHECK(audio.port_count == 2);
    CHECK(audio.title == "voice");
    CHECK(audio.line == 16);
    CHECK(audio.find("x-flag") != nullptr);
    CHECK_FALSE(audio.find("x-flag")->value);
    CHECK(rendered(sdp) == text);
}

TEST_CASE("LF line ends, trailing spaces and blank lines are accepted; rendering uses CRLF") {
    SdpSession sdp = parsed("v=0\no=- 1 2 IN IP4 192.0.2.1\ns=-\n\nt=0 0\na=sendrecv  \nm=audio 9 RTP/AVP 0\n");
    CHECK(sdp.attributes[0].name == "sendrecv");
    CHECK(rendered(sdp) == "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=sendrecv\r\nm=audio 9 RTP/AVP 0\r\n");
}

TEST_CASE("a missing t= line reads as t=0 0") {
    SdpSession sdp = parsed("v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 9 RTP/AVP 0\r\n");
    REQUIRE(sdp.timings.size() == 1);
    CHECK(sdp.timings[0].start == "0");
}

TEST_CASE("structural errors name the line") {
    CHECK(parse_error("") == "empty SDP: no v= line");
    CHECK(parse_error("o=- 1 2 IN IP4 1.2.3.4\r\n") == "line 1: the first line must be v=0");
    CHECK(parse_error("v=0\r\ns=-\r\n") == "SDP has no o= line");
    CHECK(parse_error("v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\n") == "SDP has no s= line");
    CHECK(parse_error("v=0\r\no=- 1 2 IN IP4\r\ns=-\r\n") == "line 2: o=: expected 6 fields, found 5");
    CHECK(parse_error(kMinimal + "x=1\r\n") == "line 5: unknown line type 'x='");
    CHECK(parse_error(kMinimal + "foo\r\n") == "line 5: expected '<letter>=<value>'");
    CHECK(parse_error(kMinimal + "m=audio 9 RTP/AVP 0\r\nt=0 0\r\n") == "line 6: t= is not allowed inside a media section");
    CHECK(parse_error(kMinimal + "m=audio 70000 RTP/AVP 0\r\n") == "line 5: m=: port '70000' is not a number in 0..65535");
    CHECK(parse_error(kMinimal + "m=audio 9\r\n") == "line 5: m=: expected '<media> <port> <proto> <format>...'");
    CHECK(parse_error(kMinimal + "c=IN IP4\r\n") == "line 5: c=: expected '<nettype> <addrtype> <address>'");
    CHECK(parse_error(kMinimal + "b=AS\r\n") == "line 5: b=: expected '<type>:<value>'");
    CHECK(parse_error(kMinimal + "b=AS:lots\r\n") == "line 5: b=: bandwidth 'lots' is not a number in 0..18446744073709551615");
    CHECK(parse_error(kMinimal + "a=bad name:1\r\n") == "line 5: a=: attribute name 'bad name' is not a token");
    CHECK(parse_error("v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\ns=-\r\nr=7d 1h 0\r\n") == "line 4: r= without a t= before it");
    CHECK(parse_error("v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\no=- 1 2 IN IP4 1.2.3.4\r\n") == "line 3: o= repeated");
}

TEST_CASE("CR inside a line and NUL bytes are refused") {
    CHECK(parse_error(kMinimal + "a=x:1\r2\r\n") == "line 5: carriage return inside a line");
    CHECK(parse_error(kMinimal + std::string("a=x:1\0\r\n", 8)) == "line 5: NUL byte");
}

TEST_CASE("rendering refuses values that would break or inject a line") {
    SdpSession sdp = parsed(kMinimal + "m=audio 9 RTP/AVP 0\r\n");
    SdpSession injected = sdp;
    injected.media[0].add("fmtp", "0 a=b\r\na=injected");
    CHECK(render_sdp(injected).error() == "a=fmtp: value contains CR, LF or NUL");
    injected = sdp;
    injected.name = "x\nm=video 1 RTP/AVP 0";
    CHECK(render_sdp(injected).error() == "s=: value contains CR, LF or NUL");
    injected = sdp;
    injected.origin.username = "two words";
    CHECK(render_sdp(injected).error() == "o=: field 'two words' is empty or contains a space");
    injected = sdp;
    injected.media[0].add("na:me", "1");
    CHECK(render_sdp(injected).error() == "a=: attribute name 'na:me' is not a token");
    injected = sdp;
    injected.media[0].formats.push_back("");
    CHECK(render_sdp(injected).error() == "m=: field '' is empty or contains a space");
}

TEST_CASE("SDP limits: size, lines, sections, attributes") {
    CHECK(parse_error(kMinimal + std::string(limits::max_text_bytes, 'x')).find("more than the limit") != std::string::npos);
    std::string many = kMinimal;
    for (std::size_t i = 0; i <= limits::max_media_sections; ++i) many += "m=audio 9 RTP/AVP 0\r\n";
    CHECK(parse_error(many) == "line " + std::to_string(5 + limits::max_media_sections) + ": more m= sections than the limit");
    std::string attrs = kMinimal + "m=audio 9 RTP/AVP 0\r\n";
    for (std::size_t i = 0; i <= limits::max_attributes_per_section; ++i) attrs += "a=x\r\n";
    CHECK(parse_error(attrs).find("more attributes in one m= section than the limit") != std::string::npos);
    CHECK(parse_error(kMinimal + "a=" + std::string(limits::max_line_bytes, 'x') + "\r\n") == "line 5: line is longer than the limit");
}

TEST_CASE("an m= line may list every dynamic and static payload type") {
    std::string formats;
    for (int pt = 0; pt < 128; ++pt) formats += " " + std::to_string(pt);
    SdpSession sdp = parsed(kMinimal + "m=audio 9 RTP/AVP" + formats + "\r\n");
    CHECK(sdp.media[0].formats.size() == 128);
}

TEST_CASE("equality ignores where an attribute came from") {
    SdpSession a = parsed(kMinimal + "a=sendrecv\r\n");
    SdpSession b = parsed(kMinimal + "\r\n\r\na=sendrecv\r\n");
    CHECK(a.attributes[0].line != b.attributes[0].line);
    CHECK(a == b);
}
