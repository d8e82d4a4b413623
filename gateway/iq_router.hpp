// Dispatches IQ get/set requests by the namespace of their payload (table dispatch, checked
// before any handler runs). Every get/set gets exactly one answer: a handler's, or an error.
#pragma once

#include "gateway/iq_reply.hpp"
#include "xmpp/stanza.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace gw {

// What is wrong with an IQ's envelope (RFC 6120 section 8.2.3), or nothing.
std::optional<std::string> iq_envelope_problem(const xmpp::Stanza& iq);

class IqRouter {
public:
    using Handler = std::function<void(const xmpp::Stanza& iq, const xmpp::Stanza& payload, IqReply& reply)>;

    void add(std::string type, std::string ns, Handler handler);

    // Handles one received <iq/>. Results and errors (answers to our own requests) go to
    // `on_response` instead; they are never answered.
    void dispatch(const xmpp::Stanza& iq, const IqReply::Sender& sender) const;

    std::function<void(const xmpp::Stanza& iq)> on_response;

private:
    std::map<std::pair<std::string, std::string>, Handler> handlers_;
};

}  // namespace gw
