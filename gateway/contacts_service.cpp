#include "gateway/contacts_service.hpp"

#include "gateway/addressing.hpp"
#include "gateway/entity_caps.hpp"
#include "gateway/jid.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace gw {
namespace {
constexpr const char* kCaps = "http://jabber.org/protocol/caps";
constexpr const char* kDiscoInfo = "http://jabber.org/protocol/disco#info";
constexpr const char* kGateway = "jabber:iq:gateway";

std::string_view localpart(std::string_view jid) {
    const auto at = jid.find('@');
    return at == std::string_view::npos ? std::string_view() : jid.substr(0, at);
}
}  // namespace

DiscoInfo contact_disco_info() {
    DiscoInfo info;
    info.identities.push_back({"client", "phone", "SIP", ""});
    info.features = {
        kCaps,
        kDiscoInfo,
        "urn:xmpp:jingle:1",
        "urn:xmpp:jingle:apps:dtls:0",
        "urn:xmpp:jingle:apps:grouping:0",
        "urn:xmpp:jingle:apps:rtp:1",
        "urn:xmpp:jingle:apps:rtp:audio",
        "urn:xmpp:jingle:apps:rtp:video",
        "urn:xmpp:jingle:apps:rtp:rtcp-fb:0",
        "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0",
        "urn:xmpp:jingle:apps:rtp:ssma:0",
        "urn:xmpp:jingle:transports:ice-udp:1",
        "urn:xmpp:jingle:transports:raw-udp:1",
        "urn:xmpp:jingle-message:0",
    };
    std::sort(info.features.begin(), info.features.end());
    return info;
}

ContactsService::ContactsService(std::string component_jid, std::string default_domain, Outbox& outbox)
    : component_jid_(std::move(component_jid)),
      default_domain_(std::move(default_domain)),
      outbox_(outbox),
      info_(contact_disco_info()),
      caps_node_("xmpp:" + component_jid_),
      caps_ver_(caps_verification(info_)) {}

void ContactsService::send_presence(const std::string& from, const std::string& to, const char* type) {
    xmpp::Stanza presence = outbox_.make("presence");
    presence.set_attr("from", from);
    presence.set_attr("to", to);
    if (type != nullptr) presence.set_attr("type", type);
    outbox_.send(presence);
}

void ContactsService::send_available(const std::string& from, const std::string& to) {
    xmpp::Stanza presence = outbox_.make("presence");
    presence.set_attr("from", from);
    presence.set_attr("to", to);
    xmpp::Stanza caps = presence.add_element("c", kCaps);
    caps.set_attr("hash", "sha-1");
    caps.set_attr("node", caps_node_);
    caps.set_attr("ver", caps_ver_);
    outbox_.send(presence);
}

void ContactsService::on_contact_presence(const xmpp::Stanza& presence) {
    const std::string contact = bare_jid(presence.attr("to"));
    const std::string user = bare_jid(presence.attr("from"));
    const std::string_view type = presence.attr("type");
    if (type == "subscribe") {
        // Any address the gateway can dial is a valid contact; others are refused at once. Only
        // the form of the localpart is checked here: a number needs some domain to be parsed, and
        // the user's own SIP domain is chosen when the call is placed.
        const std::string_view any_domain = default_domain_.empty() ? "example.invalid" : default_domain_;
        if (!sip_target_from_localpart(localpart(contact), any_domain).target) {
            send_presence(contact, user, "unsubscribed");
            return;
        }
        send_presence(contact, user, "subscribed");
        send_available(contact, user);
    } else if (type == "probe" || type.empty()) {
        // A probe, or the user's directed presence to the contact: both want its presence.
        send_available(contact, user);
    } else if (type == "unsubscribe") {
        send_presence(contact, user, "unsubscribed");
    }
}

void ContactsService::add_routes(IqRouter& router) {
    // disco#info for the component itself is answered by service_discovery; this one serves
    // contact JIDs and is chained in front of it by the bridge.
    router.add("get", kGateway, [this](const xmpp::Stanza&, const xmpp::Stanza&, IqReply& reply) {
        xmpp::Stanza result = reply.result();
        xmpp::Stanza query = result.add_element("query", kGateway);
        query.add_element("desc").add_text(gateway_prompt_description);
        query.add_element("prompt").add_text(gateway_prompt_label);
        reply.send(result);
    });
    router.add("set", kGateway, [this](const xmpp::Stanza&, const xmpp::Stanza& query, IqReply& reply) {
        const auto prompt = query.child("prompt");
        if (!prompt) {
            reply.error(StanzaError::bad_request, "a <prompt/> with the address is required");
            return;
        }
        const LocalpartResult local = localpart_from_user_input(prompt->text(), default_domain_);
        if (!local.localpart) {
            reply.error(StanzaError::not_acceptable, local.error);
            return;
        }
        xmpp::Stanza result = reply.result();
        xmpp::Stanza answer = result.add_element("query", kGateway);
        const std::string jid = *local.localpart + "@" + component_jid_;
        answer.add_element("jid").add_text(jid);
        answer.add_element("prompt").add_text(jid);  // XEP-0100: for older clients
        reply.send(result);
    });
}

}  // namespace gw
