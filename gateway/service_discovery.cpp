#include "gateway/service_discovery.hpp"

#include "gateway/jid.hpp"

#include <algorithm>

namespace gw {
namespace {
constexpr const char* kDiscoInfo = "http://jabber.org/protocol/disco#info";
constexpr const char* kDiscoItems = "http://jabber.org/protocol/disco#items";
constexpr const char* kPing = "urn:xmpp:ping";
constexpr const char* kRegister = "jabber:iq:register";
constexpr const char* kGateway = "jabber:iq:gateway";

void render(xmpp::Stanza& result, const DiscoInfo& info, std::string_view node) {
    xmpp::Stanza answer = result.add_element("query", kDiscoInfo);
    if (!node.empty()) answer.set_attr("node", node);
    for (const DiscoIdentity& identity : info.identities) {
        xmpp::Stanza element = answer.add_element("identity");
        element.set_attr("category", identity.category);
        element.set_attr("type", identity.type);
        element.set_attr("name", identity.name);
    }
    for (const std::string& feature : info.features) answer.add_element("feature").set_attr("var", feature);
}

}  // namespace

DiscoInfo gateway_disco_info(const std::string& name) {
    DiscoInfo info;
    info.identities.push_back({"gateway", "sip", name, ""});
    info.features = {kDiscoInfo, kDiscoItems, kPing, kRegister, kGateway};
    std::sort(info.features.begin(), info.features.end());
    return info;
}

void add_service_discovery(IqRouter& router, const std::string& component_jid, DiscoInfo contact_info,
                           std::string contact_caps_node) {
    const DiscoInfo gateway_info = gateway_disco_info("SIP gateway");
    router.add("get", kDiscoInfo, [=](const xmpp::Stanza& iq, const xmpp::Stanza& query, IqReply& reply) {
        const std::string to = bare_jid(iq.attr("to"));
        const std::string_view node = query.attr("node");
        xmpp::Stanza result = reply.result();
        if (to == component_jid) {
            if (!node.empty()) {
                reply.error(StanzaError::item_not_found, "unknown node");
                return;
            }
            render(result, gateway_info, node);
        } else {
            // A contact: its own features, also when asked with the caps node#ver it announced.
            if (!node.empty() && node.rfind(contact_caps_node + "#", 0) != 0) {
                reply.error(StanzaError::item_not_found, "unknown node");
                return;
            }
            render(result, contact_info, node);
        }
        reply.send(result);
    });
    router.add("get", kDiscoItems, [component_jid](const xmpp::Stanza& iq, const xmpp::Stanza& query,
                                                   IqReply& reply) {
        if (bare_jid(iq.attr("to")) != component_jid || !query.attr("node").empty()) {
            reply.error(StanzaError::item_not_found);
            return;
        }
        xmpp::Stanza result = reply.result();
        result.add_element("query", kDiscoItems);
        reply.send(result);
    });
    router.add("get", kPing, [](const xmpp::Stanza&, const xmpp::Stanza&, IqReply& reply) {
        reply.send(reply.result());
    });
}

}  // namespace gw
