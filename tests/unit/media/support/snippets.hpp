#pragma once
// Small Jingle and SDP snippets for table tests: one content or one m= section at a time.
#include <string>
#include <vector>

#include "media/jingle.hpp"
#include "media/sdp.hpp"
#include "media/translate.hpp"

namespace gw::media::test {

// <jingle action='session-initiate' sid='s1'> around `contents` (XML of <content/> elements).
std::string jingle_xml(const std::string& contents, const std::string& action = "session-initiate");
// One audio content named "a" with `description_children` and `transport` (XML).
std::string audio_content(const std::string& description_children, const std::string& transport = "",
                          const std::string& senders = "both");
inline const char* const kRtp = "urn:xmpp:jingle:apps:rtp:1";

JingleSession jingle_of(const std::string& xml);
// Result of jingle_to_sdp (rendered), or the error text prefixed with "error: ".
std::string sdp_of(const std::string& xml, Role writer = Role::initiator, const SdpSession* offer = nullptr);
std::vector<std::string> lines_of(const std::string& sdp);
bool has_line(const std::string& sdp, const std::string& line);

// A minimal SDP session around `media` (m= sections with their lines).
std::string sdp_text(const std::string& media, const std::string& session_lines = "");
SdpSession sdp_parsed(const std::string& text);
// Result of sdp_to_jingle, REQUIRE-ing success.
JingleSession jingle_from_sdp(const std::string& text, Role writer = Role::initiator,
                              const JingleSession* offer = nullptr);
// The error of sdp_to_jingle (empty if it succeeded).
std::string jingle_error(const std::string& text, Role writer = Role::initiator);

}  // namespace gw::media::test
