#include "tests/e2e/jingle_client.hpp"

#include <cstdlib>

namespace gw::test {

std::string audio_content(std::uint16_t port, const std::string& creator) {
    return "<content creator='" + creator + "' name='audio' senders='both'>"
           "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
           "<payload-type id='0' name='PCMU' clockrate='8000'/>"
           "<payload-type id='101' name='telephone-event' clockrate='8000'>"
           "<parameter name='' value='0-16'/></payload-type></description>"
           "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>"
           "<candidate component='1' generation='0' id='c1' ip='127.0.0.1' port='" + std::to_string(port) +
           "'/></transport></content>";
}

std::string jingle_iq(const std::string& id, const std::string& to, const std::string& action,
                      const std::string& sid, const std::string& body, const std::string& initiator) {
    return "<iq type='set' id='" + id + "' to='" + to + "'><jingle xmlns='urn:xmpp:jingle:1' action='" + action +
           "' sid='" + sid + "'" + (initiator.empty() ? "" : " initiator='" + initiator + "'") + ">" + body +
           "</jingle></iq>";
}

const rig::Stanza* jingle_of(const rig::Stanza& iq) { return iq.child("jingle", "urn:xmpp:jingle:1"); }

std::optional<rig::Stanza> expect_jingle(rig::XmppTestClient& client, const std::string& action,
                                         const std::string& sid, std::chrono::milliseconds timeout) {
    auto iq = client.wait_for([&](const rig::Stanza& s) {
        if (s.name() != "iq" || s.attr("type") != "set") return false;
        const rig::Stanza* jingle = jingle_of(s);
        return jingle != nullptr && jingle->attr("action") == action && (sid.empty() || jingle->attr("sid") == sid);
    }, timeout);
    if (iq) client.send("<iq type='result' id='" + iq->attr("id") + "' to='" + iq->attr("from") + "'/>");
    return iq;
}

std::optional<rig::Stanza> expect_jmi(rig::XmppTestClient& client, const std::string& element,
                                      std::chrono::milliseconds timeout) {
    return client.wait_for([&](const rig::Stanza& s) {
        return s.name() == "message" && s.child(element, "urn:xmpp:jingle-message:0") != nullptr;
    }, timeout);
}

std::string reason_of(const rig::Stanza& jingle) {
    const rig::Stanza* reason = jingle.child("reason");
    if (reason == nullptr) return {};
    for (const rig::Stanza& child : reason->children())
        if (child.name() != "text" && child.name() != "sip-status") return child.name();
    return {};
}

int sip_status_of(const rig::Stanza& jingle) {
    const rig::Stanza* reason = jingle.child("reason");
    const rig::Stanza* status = reason ? reason->child("sip-status") : nullptr;
    return status ? std::atoi(status->attr("code").c_str()) : 0;
}

}  // namespace gw::test
