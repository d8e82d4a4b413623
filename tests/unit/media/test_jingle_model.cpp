// The Jingle model: what is read from real clients' stanzas, what is written, what is refused,
// and the helpers the call code uses while a session is pending.
#include <doctest/doctest.h>

#include <string>

#include "media/jingle_xml.hpp"
#include "media/limits.hpp"
#include "media/xml.hpp"
#include "support/snippets.hpp"

using namespace gw::media;
using namespace gw::media::test;

namespace {

std::string parse_error(const std::string& xml) {
    auto element = parse_xml(xml);
    REQUIRE_MESSAGE(element.ok(), element.error());
    auto session = parse_jingle(*element);
    REQUIRE_FALSE(session.ok());
    return session.error();
}

const std::string kPcmu = "<payload-type id='0' name='PCMU' clockrate='8000'/>";

IceCandidate candidate(const std::string& foundation, unsigned port) {
    IceCandidate c;
    c.foundation = foundation;
    c.ip = "192.0.2.5";
    c.port = static_cast<std::uint16_t>(port);
    c.priority = 100;
    c.id = "id-" + foundation;
    return c;
}

}  // namespace

TEST_CASE("session attributes, contents, groups; unknown children are ignored") {
    JingleSession s = jingle_of(
        "<jingle xmlns='urn:xmpp:jingle:1' action='session-accept' sid='x' initiator='a@b/c' responder='d@e/f'>"
        "<content creator='responder' name='a' senders='initiator' disposition='session'>"
        "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio' ssrc='42'>" + kPcmu +
        "<unknown xmlns='urn:x'/></description></content>"
        "<reason><success/></reason><bridge-session xmlns='http://jitsi.org/protocol/focus' id='1'/>"
        "</jingle>");
    CHECK(s.action == "session-accept");
    CHECK(s.sid == "x");
    CHECK(s.initiator == "a@b/c");
    CHECK(s.responder == "d@e/f");
    REQUIRE(s.contents.size() == 1);
    CHECK(s.contents[0].creator == Role::responder);
    CHECK(s.contents[0].senders == Senders::initiator);
    CHECK(s.contents[0].disposition == "session");
    CHECK(s.contents[0].description->ssrc == 42u);
    CHECK(std::holds_alternative<std::monostate>(s.contents[0].transport));
    CHECK(s.find_content("a") != nullptr);
    CHECK(s.find_content("b") == nullptr);
}

TEST_CASE("a session renders to the element it was read from") {
    const std::string xml =
        "<jingle xmlns=\"urn:xmpp:jingle:1\" action=\"session-initiate\" initiator=\"a@b/c\" sid=\"s1\">"
        "<content creator=\"initiator\" name=\"a\" senders=\"both\">"
        "<description xmlns=\"urn:xmpp:jingle:apps:rtp:1\" media=\"audio\">"
        "<payload-type id=\"0\" name=\"PCMU\" clockrate=\"8000\"/><rtcp-mux/></description>"
        "<transport xmlns=\"urn:xmpp:jingle:transports:ice-udp:1\" ufrag=\"u\" pwd=\"p\">"
        "<fingerprint xmlns=\"urn:xmpp:jingle:apps:dtls:0\" hash=\"sha-256\" setup=\"actpass\">AB</fingerprint>"
        "<candidate component=\"1\" foundation=\"1\" generation=\"0\" id=\"c1\" ip=\"192.0.2.1\" port=\"1\" "
        "priority=\"1\" protocol=\"udp\" type=\"host\"/></transport></content></jingle>";
    auto element = render_jingle(jingle_of(xml));
    REQUIRE(element.ok());
    CHECK(render_xml(*element).value() == xml);
}

TEST_CASE("Jingle errors name the content and the element") {
    const std::string rtp = "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>";
    CHECK(parse_error("<jingle xmlns='urn:xmpp:jingle:0' action='a' sid='s'/>") ==
          "expected <jingle xmlns='urn:xmpp:jingle:1'>, found <jingle>");
    CHECK(parse_error("<jingle xmlns='urn:xmpp:jingle:1' sid='s'/>") == "jingle without action");
    CHECK(parse_error("<jingle xmlns='urn:xmpp:jingle:1' action='a'/>") == "jingle without sid");
    CHECK(parse_error(jingle_xml("<content creator='initiator'/>")) == "content without name");
    CHECK(parse_error(jingle_xml("<content name='audio'>" + rtp + "<payload-type name='PCMU'/></description></content>")) ==
          "content 'audio': payload-type without id");
    CHECK(parse_error(jingle_xml("<content name='audio'>" + rtp + "<payload-type id='200'/></description></content>")) ==
          "content 'audio': payload-type id '200' is not a number in 0..127");
    CHECK(parse_error(jingle_xml("<content name='audio'>" + rtp + "<payload-type id='96' clockrate='fast'/></description></content>")) ==
          "content 'audio': payload-type 96: payload-type clockrate 'fast' is not a number in 0..4294967295");
    CHECK(parse_error(jingle_xml("<content name='audio'><description xmlns='urn:xmpp:jingle:apps:rtp:1'/></content>")) ==
          "content 'audio': description without media");
    CHECK(parse_error(jingle_xml("<content name='a' senders='everyone'/>")) ==
          "content 'a': senders 'everyone' is not both, initiator, responder or none");
    CHECK(parse_error(jingle_xml("<content name='a' creator='me'/>")) == "content 'a': creator 'me' is not initiator or responder");
    CHECK(parse_error(jingle_xml("<content name='a'><description xmlns='urn:xmpp:jingle:apps:file-transfer:5'/></content>")) ==
          "content 'a': description in namespace 'urn:xmpp:jingle:apps:file-transfer:5' is not Jingle RTP");
    CHECK(parse_error(jingle_xml("<content name='a'><transport xmlns='urn:xmpp:jingle:transports:s5b:1'/></content>")) ==
          "content 'a': transport in namespace 'urn:xmpp:jingle:transports:s5b:1' is not supported");
    CHECK(parse_error(jingle_xml("<content name='a'/><content name='a'/>")) == "two contents named 'a'");
    CHECK(parse_error(jingle_xml("<content name='a'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>"
                                 "<candidate id='c7' component='1' foundation='1' ip='192.0.2.1' priority='1' protocol='udp' type='host'/>"
                                 "</transport></content>")) ==
          "content 'a': candidate 'c7': candidate without port");
    CHECK(parse_error(jingle_xml("<content name='a'>" + rtp + "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='u' senders='all'/></description></content>")) ==
          "content 'a': rtp-hdrext 1: senders 'all' is not valid");
    CHECK(parse_error(jingle_xml("<content name='a'>" + rtp + "<encryption required='maybe'/></description></content>")) ==
          "content 'a': encryption required 'maybe' is not a boolean");
    CHECK(parse_error(jingle_xml("<content name='a'>" + rtp + "<bandwidth type='AS'>lots</bandwidth></description></content>")) ==
          "content 'a': bandwidth AS value 'lots' is not a number");
    CHECK(parse_error(jingle_xml("<content name='a'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>"
                                 "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256'/></transport></content>")) ==
          "content 'a': fingerprint without value");
}

TEST_CASE("control characters in Jingle values are refused at the door") {
    CHECK(parse_error(jingle_xml("<content name='a'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u&#13;&#10;a=x'/></content>")) ==
          "content 'a': transport attribute 'ufrag' contains a control character or invalid UTF-8");
    CHECK(parse_error(jingle_xml("<content name='a&#10;b'/>")) ==
          "content attribute 'name' contains a control character or invalid UTF-8");
    CHECK(parse_error("<jingle xmlns='urn:xmpp:jingle:1' action='a' sid='s&#9;'/>") ==
          "jingle attribute 'sid' contains a control character or invalid UTF-8");
}

TEST_CASE("Jingle limits: contents, payload types, candidates") {
    std::string contents;
    for (std::size_t i = 0; i <= limits::max_media_sections; ++i) contents += "<content name='c" + std::to_string(i) + "'/>";
    CHECK(parse_error(jingle_xml(contents)) == "more contents than the limit");
    std::string candidates;
    for (std::size_t i = 0; i <= limits::max_candidates; ++i)
        candidates += "<candidate component='1' foundation='1' ip='192.0.2.1' port='" + std::to_string(i + 1) +
                      "' priority='1' protocol='udp' type='host'/>";
    CHECK(parse_error(jingle_xml("<content name='a'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>" +
                                 candidates + "</transport></content>")) == "content 'a': more candidates than the limit");
}

TEST_CASE("find_jingle accepts the element itself or an iq around it") {
    auto iq = parse_xml("<iq xmlns='jabber:client' type='set'><jingle xmlns='urn:xmpp:jingle:1' action='a' sid='s'/></iq>");
    REQUIRE(iq.ok());
    REQUIRE(find_jingle(*iq) != nullptr);
    CHECK(find_jingle(*iq)->name == "jingle");
    CHECK(find_jingle(find_jingle(*iq)[0]) == find_jingle(*iq));
    auto message = parse_xml("<message xmlns='jabber:client'><propose xmlns='urn:xmpp:jingle-message:0' id='x'/></message>");
    REQUIRE(message.ok());
    CHECK(find_jingle(*message) == nullptr);
}

TEST_CASE("add_candidate: trickled candidates join the pending content once") {
    JingleSession s = jingle_of(jingle_xml(audio_content(kPcmu)));
    CHECK(add_candidate(s, "a", candidate("1", 5000)).ok());
    CHECK(add_candidate(s, "a", candidate("1", 5000)).ok());  // the same again: not duplicated
    CHECK(add_candidate(s, "a", candidate("2", 5002)).ok());
    const auto& ice = std::get<IceUdpTransport>(s.contents[0].transport);
    CHECK(ice.candidates.size() == 2);
    CHECK(add_candidate(s, "video", candidate("3", 1)).error() == "no content named 'video'");

    JingleSession raw = jingle_of(jingle_xml(audio_content(kPcmu,
        "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'><candidate component='1' id='r' ip='192.0.2.1' port='1'/></transport>")));
    CHECK(add_candidate(raw, "a", candidate("1", 1)).error() ==
          "content 'a': cannot add an ICE candidate to a raw-udp transport");

    JingleSession full = jingle_of(jingle_xml(audio_content(kPcmu)));
    for (std::size_t i = 0; i < limits::max_candidates; ++i) REQUIRE(add_candidate(full, "a", candidate("1", static_cast<unsigned>(i + 1))).ok());
    CHECK(add_candidate(full, "a", candidate("1", 60000)).error() == "content 'a': more candidates than the limit");
}

TEST_CASE("merge_transport_info: candidates and new credentials of a transport-info") {
    JingleSession pending = jingle_of(jingle_xml(audio_content(kPcmu,
        "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='old' pwd='oldpwd'/>")));
    JingleSession info = jingle_of(jingle_xml(
        "<content creator='initiator' name='a'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='new' pwd='newpwd'>"
        "<candidate component='1' foundation='9' generation='0' id='t1' ip='198.51.100.1' port='4000' priority='5' protocol='udp' type='srflx' rel-addr='10.0.0.1' rel-port='4000'/>"
        "</transport></content>", "transport-info"));
    REQUIRE(merge_transport_info(pending, info).ok());
    const auto& ice = std::get<IceUdpTransport>(pending.contents[0].transport);
    CHECK(ice.ufrag == "new");
    CHECK(ice.pwd == "newpwd");
    REQUIRE(ice.candidates.size() == 1);
    CHECK(ice.candidates[0].type == "srflx");

    JingleSession unknown = jingle_of(jingle_xml("<content name='zz'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/></content>", "transport-info"));
    const JingleSession before = pending;
    CHECK(merge_transport_info(pending, unknown).error() == "transport-info for unknown content 'zz'");
    CHECK(pending == before);
}
