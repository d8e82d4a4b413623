#include "loadtest/users.hpp"

#include "loadtest/accounts.hpp"
#include "loadtest/component_server.hpp"

#include <charconv>

namespace gw::load {

std::optional<std::size_t> user_of(std::string_view jid) {
    constexpr std::string_view prefix = "user";
    if (jid.substr(0, prefix.size()) != prefix) return std::nullopt;
    std::size_t index = 0;
    const char* first = jid.data() + prefix.size();
    const char* last = jid.data() + jid.size();
    const auto [end, ec] = std::from_chars(first, last, index);
    if (ec != std::errc{} || end == first) return std::nullopt;
    const std::string_view rest(end, static_cast<std::size_t>(last - end));
    const std::string_view domain = std::string_view(kXmppDomain);
    if (rest.size() < domain.size() + 1 || rest[0] != '@' || rest.substr(1, domain.size()) != domain) return std::nullopt;
    if (rest.size() > domain.size() + 1 && rest[domain.size() + 1] != '/') return std::nullopt;
    return index;
}

std::string registration_failure_cause(std::string_view status) {
    constexpr std::string_view failed = "SIP registration failed: ";
    if (status.substr(0, failed.size()) == failed) {
        const std::string_view code = status.substr(failed.size(), 3);
        if (code.size() == 3 && code.find_first_not_of("0123456789") == std::string_view::npos)
            return "sip-" + std::string(code);
    }
    return "registration-failed";
}

Users::Users(ComponentServer& server, std::size_t count, bool jmi) : server_(server), caps_(jmi), state_(count) {
    available_payload_ = caps_.presence_element() + "<priority>1</priority>";
}

void Users::go_online(std::size_t user) {
    state_[user].online = true;
    server_.send("<presence from='" + user_full_jid(user) + "' to='" + kComponent + "'>" + available_payload_ +
                 "</presence>");
}

void Users::go_offline(std::size_t user) {
    state_[user].online = false;
    set_registration(user, Registration::none, {});
    server_.send("<presence type='unavailable' from='" + user_full_jid(user) + "' to='" + kComponent + "'/>");
}

bool Users::handle(const Element& stanza) {
    const auto user = user_of(stanza.attr("to"));
    if (!user || *user >= state_.size()) return false;
    if (stanza.name == "presence") {
        on_presence(*user, stanza);
        return true;
    }
    if (stanza.name == "iq" && stanza.attr("type") == "get" &&
        stanza.child("query", "http://jabber.org/protocol/disco#info")) {
        on_disco(stanza);
        return true;
    }
    return false;
}

void Users::on_presence(std::size_t user, const Element& presence) {
    const std::string_view type = presence.attr("type");
    const std::string jid = user_jid(user);
    if (type == "probe") {
        // As the user's server would: the current presence of an online user, nothing otherwise.
        ++probes_;
        if (state_[user].online)
            server_.send("<presence from='" + user_full_jid(user) + "' to='" + kComponent + "'>" +
                         available_payload_ + "</presence>");
        return;
    }
    if (type == "subscribe") {
        server_.send("<presence type='subscribed' from='" + jid + "' to='" + kComponent + "'/>");
        return;
    }
    if (type == "unavailable") {
        set_registration(user, Registration::none, {});
        return;
    }
    if (!type.empty()) return;  // subscribed, unsubscribe ...: nothing the load depends on
    const Element* status = presence.child("status");
    if (status == nullptr) return;
    if (status->text.rfind("registered as ", 0) == 0) set_registration(user, Registration::registered, {});
    else if (status->text.rfind("SIP registration failed", 0) == 0)
        set_registration(user, Registration::failed, registration_failure_cause(status->text));
    // "registering as ..." is the gateway saying it started: not an outcome.
}

void Users::on_disco(const Element& iq) {
    ++disco_queries_;
    const Element* query = iq.child("query");
    std::string reply = "<iq type='result' id='";
    append_escaped(reply, iq.attr("id"));
    reply += "' from='";
    append_escaped(reply, iq.attr("to"));
    reply += "' to='";
    append_escaped(reply, iq.attr("from"));
    reply += "'><query xmlns='http://jabber.org/protocol/disco#info'";
    if (!query->attr("node").empty()) {
        reply += " node='";
        append_escaped(reply, query->attr("node"));
        reply += "'";
    }
    reply += ">" + caps_.disco_items() + "</query></iq>";
    server_.send(reply);
}

void Users::set_registration(std::size_t user, Registration next, const std::string& cause) {
    State& s = state_[user];
    if (s.registration == next) return;
    if (s.registration == Registration::registered) --registered_;
    if (next == Registration::registered) ++registered_;
    s.registration = next;
    if (observer_ && next != Registration::none) observer_(user, next == Registration::registered, cause);
}

}  // namespace gw::load
