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

}  // namespace gw
