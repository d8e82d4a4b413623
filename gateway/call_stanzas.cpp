#include "gateway/call_stanzas.hpp"

#include "gateway/sip_reason.hpp"
#include "gateway/stanza_element.hpp"
#include "media/jingle_xml.hpp"

#include <cstdlib>

namespace gw {
namespace {

xmpp::Stanza iq_set(Outbox& out, const Route& route, const std::string& id) {
    xmpp::Stanza iq = out.make("iq");
    iq.set_attr("type", "set");
    iq.set_attr("from", route.from);
    iq.set_attr("to", route.to);
    iq.set_attr("id", id);
    return iq;
}

void add_reason(xmpp::Stanza& parent, const Reason& reason) {
    xmpp::Stanza element = parent.add_element("reason", call_ns::jingle);
    element.add_element(reason.condition.c_str());
    if (!reason.text.empty()) element.add_element("text").add_text(reason.text);
    if (reason.sip_status > 0) {
        xmpp::Stanza status = element.add_element("sip-status", call_ns::sip_status);
        status.set_attr("code", std::to_string(reason.sip_status));
    }
}

}  // namespace

media::Result<xmpp::Stanza> jingle_iq(Outbox& out, const Route& route, const std::string& id,
                                      const media::JingleSession& session) {
    auto element = media::render_jingle(session);
    if (!element) return media::Error{element.error()};
    xmpp::Stanza iq = iq_set(out, route, id);
    append_element(iq, *element, "jabber:client");
    return iq;
}

xmpp::Stanza session_info_iq(Outbox& out, const Route& route, const std::string& id, std::string_view sid,
                             std::string_view initiator, const char* info) {
    xmpp::Stanza iq = iq_set(out, route, id);
    xmpp::Stanza jingle = iq.add_element("jingle", call_ns::jingle);
    jingle.set_attr("action", "session-info");
    jingle.set_attr("sid", sid);
    jingle.set_attr("initiator", initiator);
    jingle.add_element(info, call_ns::rtp_info);
    return iq;
}

xmpp::Stanza session_terminate_iq(Outbox& out, const Route& route, const std::string& id, std::string_view sid,
                                  std::string_view initiator, const Reason& reason) {
    xmpp::Stanza iq = iq_set(out, route, id);
    xmpp::Stanza jingle = iq.add_element("jingle", call_ns::jingle);
    jingle.set_attr("action", "session-terminate");
    jingle.set_attr("sid", sid);
    jingle.set_attr("initiator", initiator);
    add_reason(jingle, reason);
    return iq;
}

xmpp::Stanza jmi_message(Outbox& out, const Route& route, const char* element, std::string_view sid,
                         const std::vector<std::string>& media, const Reason* reason, bool private_copy) {
    xmpp::Stanza message = out.make("message");
    message.set_attr("type", "chat");
    message.set_attr("from", route.from);
    message.set_attr("to", route.to);
    message.set_attr("id", std::string(element) + "-" + std::string(sid));
    xmpp::Stanza jmi = message.add_element(element, call_ns::jmi);
    jmi.set_attr("id", sid);
    for (const std::string& m : media) jmi.add_element("description", call_ns::rtp).set_attr("media", m);
    if (reason != nullptr) add_reason(jmi, *reason);
    // Offline storage (XEP-0334) lets a client that reconnects see the missed call.
    message.add_element("store", call_ns::hints);
    if (private_copy) {
        message.add_element("private", call_ns::carbons);
        message.add_element("no-copy", call_ns::hints);
    }
    return message;
}

Reason reason_of(const xmpp::Stanza& parent) {
    Reason reason;
    auto element = parent.child("reason");
    if (!element) return reason;
    for (const xmpp::Stanza& child : element->children()) {
        const std::string_view name = child.name();
        if (name == "text") reason.text = child.text();
        else if (name == "sip-status") reason.sip_status = std::atoi(std::string(child.attr("code")).c_str());
        else if (is_jingle_reason(name)) reason.condition = std::string(name);
    }
    return reason;
}

}  // namespace gw
