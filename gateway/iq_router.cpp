#include "gateway/iq_router.hpp"

#include <spdlog/spdlog.h>

namespace gw {

std::optional<std::string> iq_envelope_problem(const xmpp::Stanza& iq) {
    const std::string_view type = iq.attr("type");
    if (!iq.has_attr("id") || iq.attr("id").empty()) return "IQ without an id";
    if (type != "get" && type != "set" && type != "result" && type != "error")
        return "IQ type must be get, set, result or error";
    if (type == "get" || type == "set") {
        const size_t payloads = iq.children().size();
        if (payloads != 1)
            return "IQ " + std::string(type) + " must have exactly one child element, has " +
                   std::to_string(payloads);
    }
    return std::nullopt;
}

void IqRouter::add(std::string type, std::string ns, Handler handler) {
    handlers_[{std::move(type), std::move(ns)}] = std::move(handler);
}

void IqRouter::dispatch(const xmpp::Stanza& iq, const IqReply::Sender& sender) const {
    const std::string_view type = iq.attr("type");
    if (type == "result" || type == "error") {
        if (on_response) on_response(iq);
        return;
    }
    IqReply reply(iq, sender);
    if (auto problem = iq_envelope_problem(iq)) {
        spdlog::warn("xmpp: bad IQ from {}: {}", iq.attr("from"), *problem);
        reply.error(StanzaError::bad_request, *problem);
        return;
    }
    const xmpp::Stanza payload = iq.children().front();
    auto found = handlers_.find({std::string(type), std::string(payload.ns())});
    if (found == handlers_.end()) {
        spdlog::debug("xmpp: no handler for IQ {} {} from {}", type, payload.ns(), iq.attr("from"));
        reply.error(StanzaError::service_unavailable);
        return;
    }
    found->second(iq, payload, reply);
}

}  // namespace gw
