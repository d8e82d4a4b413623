// Jingle as the test client speaks it: the stanzas a simple audio client sends (raw-UDP,
// PCMU and telephone-event) and the waits for what the gateway sends back.
#pragma once

#include "tests/rig/xmpp_test_client.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace gw::test {

// <description/> and raw-UDP <transport/> for one audio content receiving on 127.0.0.1:port.
std::string audio_content(std::uint16_t port, const std::string& creator = "initiator");

// An IQ set carrying <jingle action=... sid=...>body</jingle>.
std::string jingle_iq(const std::string& id, const std::string& to, const std::string& action,
                      const std::string& sid, const std::string& body, const std::string& initiator = "");

// The next IQ set from the gateway with <jingle action=...> (and sid, unless empty); it is
// answered with an IQ result, as clients do.
std::optional<rig::Stanza> expect_jingle(rig::XmppTestClient& client, const std::string& action,
                                         const std::string& sid = "",
                                         std::chrono::milliseconds timeout = std::chrono::seconds(10));

// The next JMI message (<propose/>, <proceed/>, <retract/> ...) from the gateway.
std::optional<rig::Stanza> expect_jmi(rig::XmppTestClient& client, const std::string& element,
                                      std::chrono::milliseconds timeout = std::chrono::seconds(10));

// The <jingle/> inside an IQ, or nullptr.
const rig::Stanza* jingle_of(const rig::Stanza& iq);
// The reason condition of a session-terminate / retract ("busy", ...), or "".
std::string reason_of(const rig::Stanza& jingle);
// The SIP status the gateway attached to a reason, or 0.
int sip_status_of(const rig::Stanza& jingle);

}  // namespace gw::test
