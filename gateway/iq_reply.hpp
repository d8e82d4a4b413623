// Exactly one reply per IQ get/set: a handler answers through this guard, and if it returns (or
// throws) without answering, the guard sends internal-server-error.
#pragma once

#include "gateway/stanza_errors.hpp"
#include "xmpp/stanza.hpp"

#include <functional>

namespace gw {

class IqReply {
public:
    using Sender = std::function<void(const xmpp::Stanza&)>;
    IqReply(const xmpp::Stanza& iq, Sender sender) : iq_(iq), sender_(std::move(sender)) {}
    ~IqReply();
    IqReply(const IqReply&) = delete;
    IqReply& operator=(const IqReply&) = delete;

    // An empty result; children may be added to the returned stanza before it is sent by send().
    xmpp::Stanza result() const;
    void send(const xmpp::Stanza& reply);
    void error(StanzaError condition, std::string_view text = {});
    // With an application-specific condition (RFC 6120 8.3.4), e.g. Jingle's
    // <unknown-session xmlns='urn:xmpp:jingle:errors:1'/>.
    void error(StanzaError condition, std::string_view text, const char* app_condition, const char* app_ns);
    bool answered() const { return answered_; }

private:
    xmpp::Stanza iq_;
    Sender sender_;
    bool answered_ = false;
};

}  // namespace gw
