#include "gateway/service_discovery.hpp"

#include "gateway/jid.hpp"

#include <algorithm>

namespace gw {
namespace {
constexpr const char* kDiscoInfo = "http://jabber.org/protocol/disco#info";
constexpr const char* kDiscoItems = "http://jabber.org/protocol/disco#items";
constexpr const char* kPing = "urn:xmpp:ping";
}  // namespace

DiscoInfo gateway_disco_info(const std::string& name) {
    DiscoInfo info;
    info.identities.push_back({"gateway", "sip", name});
    info.features = {kDiscoInfo, kDiscoItems, kPing};
    std::sort(info.features.begin(), info.features.end());
    return info;
}

void add_service_discovery(IqRouter& router, const std::string& component_jid) {
    router.add("get", kDiscoInfo, [component_jid](const xmpp::Stanza& iq, const xmpp::Stanza& query,
                                                  IqReply& reply) {
        if (bare_jid(iq.attr("to")) != component_jid) {
            reply.error(StanzaError::item_not_found, "no such entity on this gateway");
            return;
        }
        if (!query.attr("node").empty()) {
            reply.error(StanzaError::item_not_found, "unknown node");
            return;
        }
        xmpp::Stanza result = reply.result();
        xmpp::Stanza answer = result.add_element("query", kDiscoInfo);
        const DiscoInfo info = gateway_disco_info("SIP gateway");
        for (const DiscoIdentity& identity : info.identities) {
            xmpp::Stanza element = answer.add_element("identity");
            element.set_attr("category", identity.category);
            element.set_attr("type", identity.type);
            element.set_attr("name", identity.name);
        }
        for (const std::string& feature : info.features)
            answer.add_element("feature").set_attr("var", feature);
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
