#include "loadtest/xmpp_side.hpp"

#include "loadtest/accounts.hpp"

#include <random>

namespace gw::load {
namespace {

std::string describe(const Element& e) {
    std::string out = "<" + e.name;
    for (const auto& [k, v] : e.attributes) out += " " + k + "='" + v + "'";
    out += ">";
    for (const Element& c : e.children) out += "<" + c.name + " xmlns='" + std::string(c.attr("xmlns")) + "'/>";
    return out;
}

}  // namespace

std::string random_secret() {
    std::random_device random;
    std::string secret;
    for (int i = 0; i < 4; ++i) secret += std::to_string(random());
    return secret;
}

XmppSide::XmppSide(event_base* base, std::size_t users, bool jmi_caps, CallOptions calls)
    : secret_(random_secret()),
      server_(base, kComponent, secret_,
              ComponentServer::Handlers{
                  .authenticated = {},
                  .stanza = [this](Element&& stanza) { on_stanza(std::move(stanza)); },
                  .closed = [this](const std::string& why) { link_lost_ = why; },
              }),
      users_(server_, users, jmi_caps),
      calls_(server_, std::move(calls)) {}

void XmppSide::on_stanza(Element&& stanza) {
    const Micros now = now_us();
    if (calls_.handle(stanza, now)) return;
    if (users_.handle(stanza)) return;
    ++unhandled_;
    if (samples_.size() < 5) samples_.push_back(describe(stanza));
    const std::string_view type = stanza.attr("type");
    if (stanza.name == "iq" && (type == "get" || type == "set")) {
        // As a client without that feature: every IQ request gets an answer.
        std::string reply = "<iq type='error' id='";
        append_escaped(reply, stanza.attr("id"));
        reply += "' from='";
        append_escaped(reply, stanza.attr("to"));
        reply += "' to='";
        append_escaped(reply, stanza.attr("from"));
        reply += "'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                 "</error></iq>";
        server_.send(reply);
    }
}

}  // namespace gw::load
