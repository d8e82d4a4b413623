// The `translate` command: every sample, both directions, and its errors.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "media/cli/translate_command.hpp"
#include "media/jingle_xml.hpp"
#include "media/limits.hpp"
#include "media/sdp.hpp"
#include "media/xml.hpp"
#include "support/corpus.hpp"

using namespace gw::media;
using namespace gw::media::test;

namespace {

struct Run {
    int status;
    std::string out;
    std::string err;
};

Run run(const std::vector<std::string>& args, const std::string& input) {
    std::istringstream in(input);
    std::ostringstream out, err;
    int status = run_translate_command(args, in, out, err);
    return {status, out.str(), err.str()};
}

}  // namespace

TEST_CASE("translate sdp-to-jingle then jingle-to-sdp on every SDP sample") {
    for (const auto& path : corpus("sdp", ".sdp")) {
        INFO(path.filename().string());
        const std::string role(to_string(sdp_writer(path)));
        Run jingle = run({"sdp-to-jingle", "--action", sdp_action(path), "--sid", "cli1", "--role", role}, read_file(path));
        REQUIRE_MESSAGE(jingle.status == 0, jingle.err);
        CHECK(jingle.err.empty());
        auto element = parse_xml(jingle.out);
        REQUIRE_MESSAGE(element.ok(), element.error());
        auto session = parse_jingle(*element);
        REQUIRE_MESSAGE(session.ok(), session.error());
        CHECK(session->sid == "cli1");
        CHECK(session->action == sdp_action(path));

        Run sdp = run({"jingle-to-sdp", "--role", role}, jingle.out);
        REQUIRE_MESSAGE(sdp.status == 0, sdp.err);
        CHECK(sdp.out.find("\r\n") != std::string::npos);
        CHECK(parse_sdp(sdp.out).ok());
    }
}

TEST_CASE("translate jingle-to-sdp on every Jingle sample, iq or bare element") {
    for (const auto& path : corpus("jingle", ".xml")) {
        INFO(path.filename().string());
        Run sdp = run({"jingle-to-sdp"}, read_file(path));
        REQUIRE_MESSAGE(sdp.status == 0, sdp.err);
        CHECK(sdp.out.find("a=") != std::string::npos);
        const bool transport_info = path.filename().string().find("transport-info") != std::string::npos;
        if (transport_info) {
            CHECK(sdp.out.rfind("a=ice-options:trickle\r\n", 0) == 0);  // an sdpfrag, not a full SDP
            Run back = run({"sdp-to-jingle", "--action", "transport-info", "--sid", "t"}, sdp.out);
            CHECK_MESSAGE(back.status == 0, back.err);
        } else {
            CHECK(sdp.out.rfind("v=0\r\n", 0) == 0);
        }
    }
}

TEST_CASE("translate: defaults, role and bare-token style") {
    const std::string offer = read_file(data_dir() / "sdp" / "asterisk-hold-reinvite.sdp");
    Run initiator = run({"sdp-to-jingle"}, offer);
    REQUIRE(initiator.status == 0);
    CHECK(initiator.out.find("action=\"session-initiate\"") != std::string::npos);
    CHECK(initiator.out.find("senders=\"initiator\"") != std::string::npos);  // a=sendonly written by the initiator
    CHECK(initiator.out.find("sid=\"gw") != std::string::npos);
    Run responder = run({"sdp-to-jingle", "--role=responder"}, offer);
    CHECK(responder.out.find("senders=\"responder\"") != std::string::npos);
    CHECK(run({"sdp-to-jingle"}, offer).out == initiator.out);  // deterministic

    const std::string dtmf = read_file(data_dir() / "sdp" / "asterisk-plain-offer.sdp");
    CHECK(run({"sdp-to-jingle"}, dtmf).out.find("<parameter name=\"\" value=\"0-16\"/>") != std::string::npos);
    CHECK(run({"sdp-to-jingle", "--bare-tokens", "name-only"}, dtmf).out.find("<parameter name=\"0-16\"/>") != std::string::npos);
}

TEST_CASE("translate: bad input gives a clear message and status 1") {
    Run bad_sdp = run({"sdp-to-jingle"}, "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 1 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\na=candidate:1 1 udp 5 192.0.2.1\r\n");
    CHECK(bad_sdp.status == 1);
    CHECK(bad_sdp.out.empty());
    CHECK(bad_sdp.err == "translate: line 6: a=candidate: missing port\n");

    Run bad_xml = run({"jingle-to-sdp"}, "<jingle xmlns='urn:xmpp:jingle:1'");
    CHECK(bad_xml.status == 1);
    CHECK(bad_xml.err.rfind("translate: XML line 1", 0) == 0);

    Run not_jingle = run({"jingle-to-sdp"}, "<message xmlns='jabber:client'/>");
    CHECK(not_jingle.status == 1);
    CHECK(not_jingle.err == "translate: input is neither <jingle xmlns='urn:xmpp:jingle:1'/> nor an <iq/> holding one\n");

    Run no_payload = run({"jingle-to-sdp"}, "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'>"
                                             "<content name='a'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                                             "<payload-type name='PCMU'/></description></content></jingle>");
    CHECK(no_payload.status == 1);
    CHECK(no_payload.err == "translate: content 'a': payload-type without id\n");

    Run huge = run({"sdp-to-jingle"}, std::string(limits::max_text_bytes + 10, 'x'));
    CHECK(huge.status == 1);
    CHECK(huge.err == "translate: input is longer than " + std::to_string(limits::max_text_bytes) + " bytes\n");
}

TEST_CASE("translate: usage errors give status 2, --help status 0") {
    CHECK(run({}, "").status == 2);
    CHECK(run({"sdp-to-xml"}, "").err.rfind("translate: unknown translation 'sdp-to-xml'\n", 0) == 0);
    CHECK(run({"jingle-to-sdp", "--role"}, "").err.rfind("translate: option --role needs a value\n", 0) == 0);
    CHECK(run({"jingle-to-sdp", "--role", "caller"}, "").status == 2);
    CHECK(run({"jingle-to-sdp", "--sid", "x"}, "").err.rfind("translate: unknown option --sid for jingle-to-sdp\n", 0) == 0);
    CHECK(run({"sdp-to-jingle", "--action", "session-terminate"}, "").status == 2);
    Run help = run({"--help"}, "");
    CHECK(help.status == 0);
    CHECK(help.out.rfind("usage: xmpp-sip-gateway translate", 0) == 0);
}
