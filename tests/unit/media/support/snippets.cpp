#include "snippets.hpp"

#include <doctest/doctest.h>

#include "media/jingle_xml.hpp"
#include "media/xml.hpp"

namespace gw::media::test {

std::string jingle_xml(const std::string& contents, const std::string& action) {
    return "<jingle xmlns='urn:xmpp:jingle:1' action='" + action + "' sid='s1'>" + contents + "</jingle>";
}

std::string audio_content(const std::string& description_children, const std::string& transport,
                          const std::string& senders) {
    return "<content creator='initiator' name='a' senders='" + senders +
           "'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>" + description_children +
           "</description>" + transport + "</content>";
}

JingleSession jingle_of(const std::string& xml) {
    auto element = parse_xml(xml);
    REQUIRE_MESSAGE(element.ok(), element.error());
    auto session = parse_jingle(*element);
    REQUIRE_MESSAGE(session.ok(), session.error());
    return *session;
}

std::string sdp_of(const std::string& xml, Role writer, const SdpSession* offer) {
    auto element = parse_xml(xml);
    REQUIRE_MESSAGE(element.ok(), element.error());
    auto session = parse_jingle(*element);
    if (!session) return "error: " + session.error();
    ToSdpOptions options;
    options.writer = writer;
    options.offer = offer;
    auto sdp = jingle_to_sdp(*session, options);
    if (!sdp) return "error: " + sdp.error();
    auto text = render_sdp(*sdp);
    if (!text) return "error: " + text.error();
    return *text;
}

std::vector<std::string> lines_of(const std::string& sdp) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < sdp.size()) {
        std::size_t end = sdp.find("\r\n", start);
        if (end == std::string::npos) end = sdp.size();
        lines.push_back(sdp.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

bool has_line(const std::string& sdp, const std::string& line) {
    for (const auto& l : lines_of(sdp))
        if (l == line) return true;
    return false;
}

std::string sdp_text(const std::string& media, const std::string& session_lines) {
    return "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n" + session_lines + media;
}

SdpSession sdp_parsed(const std::string& text) {
    auto sdp = parse_sdp(text);
    REQUIRE_MESSAGE(sdp.ok(), sdp.error());
    return *sdp;
}

JingleSession jingle_from_sdp(const std::string& text, Role writer, const JingleSession* offer) {
    ToJingleOptions options;
    options.writer = writer;
    options.sid = "s1";
    options.offer = offer;
    auto session = sdp_to_jingle(sdp_parsed(text), options);
    REQUIRE_MESSAGE(session.ok(), session.error());
    return *session;
}

std::string jingle_error(const std::string& text, Role writer) {
    ToJingleOptions options;
    options.writer = writer;
    options.sid = "s1";
    auto sdp = parse_sdp(text);
    if (!sdp) return sdp.error();
    auto session = sdp_to_jingle(*sdp, options);
    return session.ok() ? std::string() : session.error();
}

}  // namespace gw::media::test
