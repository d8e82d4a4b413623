#include "gateway/iq_reply.hpp"

#include <spdlog/spdlog.h>

namespace gw {

IqReply::~IqReply() {
    if (answered_) return;
    try {
        spdlog::error("iq {} from {}: handler did not answer; sending internal-server-error",
                      iq_.attr("id"), iq_.attr("from"));
        error(StanzaError::internal_server_error);
    } catch (...) {
    }
}

xmpp::Stanza IqReply::result() const {
    xmpp::Stanza reply = iq_.reply();
    reply.set_attr("type", "result");
    return reply;
}

void IqReply::send(const xmpp::Stanza& reply) {
    answered_ = true;
    sender_(reply);
}

void IqReply::error(StanzaError condition, std::string_view text) {
    send(make_error_reply(iq_, condition, text));
}

void IqReply::error(StanzaError condition, std::string_view text, const char* app_condition, const char* app_ns) {
    xmpp::Stanza reply = make_error_reply(iq_, condition, text);
    if (auto error = reply.child("error")) error->add_element(app_condition, app_ns);
    send(reply);
}

}  // namespace gw
