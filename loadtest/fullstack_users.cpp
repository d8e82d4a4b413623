#include "loadtest/fullstack_users.hpp"

#include "loadtest/accounts.hpp"
#include "loadtest/c2s_clients.hpp"
#include "loadtest/xml.hpp"

#include <strophe.h>

#include <charconv>

namespace gw::load {
namespace {

constexpr const char* kJingle = "urn:xmpp:jingle:1";
constexpr const char* kGatewayNs = "urn:xmpp-sip-gateway:0";

std::string_view attr(xmpp_stanza_t* s, const char* name) {
    const char* value = xmpp_stanza_get_attribute(s, name);
    return value == nullptr ? std::string_view() : value;
}

// The text of an element (its first text child), without copying it.
std::string_view text_of(xmpp_stanza_t* element) {
    for (xmpp_stanza_t* c = xmpp_stanza_get_children(element); c; c = xmpp_stanza_get_next(c))
        if (xmpp_stanza_is_text(c)) return xmpp_stanza_get_text_ptr(c);
    return {};
}

xmpp_stanza_t* child(xmpp_stanza_t* s, const char* name, const char* ns = nullptr) {
    return ns ? xmpp_stanza_get_child_by_name_and_ns(s, name, ns) : xmpp_stanza_get_child_by_name(s, name);
}

std::string error_condition(xmpp_stanza_t* iq) {
    xmpp_stanza_t* error = child(iq, "error");
    for (xmpp_stanza_t* c = error ? xmpp_stanza_get_children(error) : nullptr; c; c = xmpp_stanza_get_next(c))
        if (xmpp_stanza_is_tag(c) && std::string_view(xmpp_stanza_get_name(c)) != "text") return xmpp_stanza_get_name(c);
    return "unknown";
}

// "sip-486" from the gateway's <sip-status/>, else "jingle-<reason>" (as calls.cpp counts them).
std::string terminate_cause(xmpp_stanza_t* jingle) {
    xmpp_stanza_t* reason = child(jingle, "reason");
    for (xmpp_stanza_t* holder : {reason, jingle}) {
        if (holder == nullptr) continue;
        if (xmpp_stanza_t* status = child(holder, "sip-status", kGatewayNs); status && !attr(status, "code").empty())
            return "sip-" + std::string(attr(status, "code"));
    }
    for (xmpp_stanza_t* c = reason ? xmpp_stanza_get_children(reason) : nullptr; c; c = xmpp_stanza_get_next(c))
        if (xmpp_stanza_is_tag(c) && std::string_view(xmpp_stanza_get_name(c)) != "text") return std::string("jingle-") + xmpp_stanza_get_name(c);
    return "jingle-no-reason";
}

// Our own IQ ids: "<kind><number>": 'u' sign-up (user), 'i' initiate and 't' terminate (call).
bool parse_id(std::string_view id, char& kind, std::uint32_t& number) {
    if (id.size() < 2) return false;
    kind = id[0];
    const auto [end, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), number);
    return ec == std::errc{} && end == id.data() + id.size();
}

// Media ports nobody listens on: only signalling is measured.
int media_port(std::size_t user) { return 40000 + static_cast<int>(user % 10000) * 2; }

}  // namespace

FullStackUsers::FullStackUsers(ClientPool& clients, std::string sip_proxy, FullStackCallOptions calls)
    : clients_(clients), proxy_(std::move(sip_proxy)), options_(std::move(calls)), users_(clients.size()) {
    available_ = "<presence>" + caps_.presence_element() + "<priority>1</priority></presence>";
}

void FullStackUsers::sign_up(std::size_t user) {
    users_[user].sign_up = SignUp::form_sent;
    users_[user].online = true;
    clients_.send(user, available_);
    clients_.send(user, "<iq type='set' id='u" + std::to_string(user) + "' to='" + kComponent +
                            "'><query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='submit'>"
                            "<field var='username'><value>" + sip_user(user) + "@127.0.0.1</value></field>"
                            "<field var='password'><value>" + kSipPassword + "</value></field>"
                            "<field var='proxy'><value>" + proxy_ + "</value></field></x></query></iq>");
}

void FullStackUsers::go_online(std::size_t user) {
    users_[user].online = true;
    clients_.send(user, available_);
}

void FullStackUsers::go_offline(std::size_t user) {
    users_[user].online = false;
    set_registration(user, Registration::none, {});
    clients_.send(user, "<presence type='unavailable'/>");
}

void FullStackUsers::handle(std::size_t user, xmpp_stanza_t* stanza) {
    const std::string_view name = xmpp_stanza_get_name(stanza);
    if (name == "presence") on_presence(user, stanza);
    else if (name == "iq") on_iq(user, stanza);
    else if (name != "message") unhandled(stanza);  // messages: nothing in this mode sends any
}

void FullStackUsers::on_presence(std::size_t user, xmpp_stanza_t* presence) {
    if (attr(presence, "from") != kComponent) return;  // the user's own presence, reflected
    const std::string_view type = attr(presence, "type");
    if (type == "subscribe") {
        // XEP-0100 4.1.1: approve the gateway, and ask for its presence in turn.
        clients_.send(user, std::string("<presence type='subscribed' to='") + kComponent + "'/>");
        clients_.send(user, std::string("<presence type='subscribe' to='") + kComponent + "'/>");
        return;
    }
    if (type == "unavailable") {
        set_registration(user, Registration::none, {});
        return;
    }
    if (!type.empty()) return;  // subscribed, unsubscribe ...
    xmpp_stanza_t* status = child(presence, "status");
    if (status == nullptr) return;
    const std::string_view text = text_of(status);
    // Registered is plain available; any other state comes with <show/> (away, xa), and its text
    // may still be the last "registered as ..." (a probe answered while un-REGISTERing).
    const bool shown = child(presence, "show") != nullptr;
    if (text.rfind("registered as ", 0) == 0 && !shown) {
        set_registration(user, Registration::registered, {});
    } else if (text.rfind("SIP registration failed", 0) == 0) {
        const std::string_view code = text.substr(std::string_view("SIP registration failed: ").size(), 3);
        set_registration(user, Registration::failed, "sip-" + std::string(code));
    }
    // "registering as ...": the gateway started, not an outcome.
}

void FullStackUsers::set_registration(std::size_t user, Registration next, const std::string& cause) {
    User& u = users_[user];
    if (u.registration == next) return;
    if (u.registration == Registration::registered) --registered_;
    if (next == Registration::registered) ++registered_;
    u.registration = next;
    if (u.sign_up == SignUp::form_sent && next != Registration::none) {
        if (next == Registration::registered) {
            u.sign_up = SignUp::done;
            ++signed_up_;
        } else {
            sign_up_failed(user, cause);
        }
        return;  // a sign-up's registration is not a measured login
    }
    if (observer_ && next != Registration::none) observer_(user, next == Registration::registered, cause);
}

void FullStackUsers::sign_up_failed(std::size_t user, const std::string& cause) {
    users_[user].sign_up = SignUp::failed;
    if (sign_up_failures_++ == 0) first_sign_up_failure_ = "user" + std::to_string(user) + ": " + cause;
}

void FullStackUsers::reply(std::size_t user, xmpp_stanza_t* iq, const std::string& payload, bool error) {
    std::string out = error ? "<iq type='error'" : "<iq type='result'";
    append_attr(out, "id", attr(iq, "id"));
    if (!attr(iq, "from").empty()) append_attr(out, "to", attr(iq, "from"));
    out += payload.empty() ? "/>" : ">" + payload + "</iq>";
    clients_.send(user, out);
}

void FullStackUsers::on_iq(std::size_t user, xmpp_stanza_t* iq) {
    const std::string_view type = attr(iq, "type");
    const Micros now = now_us();
    if (type == "result" || type == "error") {
        char kind = 0;
        std::uint32_t number = 0;
        if (!parse_id(attr(iq, "id"), kind, number)) return;  // the roster fetch
        if (kind == 'u' && number < users_.size()) {
            if (type == "error" && users_[number].sign_up == SignUp::form_sent)
                sign_up_failed(number, "sign-up-" + error_condition(iq));
        } else if ((kind == 'i' || kind == 't') && number < calls_.size()) {
            on_call_result(number, kind, iq, now);
        }
        return;
    }
    if (type == "get" && child(iq, "query", "http://jabber.org/protocol/disco#info")) {
        ++disco_queries_;
        std::string payload = "<query xmlns='http://jabber.org/protocol/disco#info'";
        if (const std::string_view node = attr(child(iq, "query"), "node"); !node.empty()) append_attr(payload, "node", node);
        reply(user, iq, payload + ">" + caps_.disco_items() + "</query>");
        return;
    }
    if (type == "set") {
        if (xmpp_stanza_t* jingle = child(iq, "jingle", kJingle)) {
            on_jingle(user, iq, jingle, now);
            return;
        }
        if (child(iq, "query", "jabber:iq:roster")) {  // a roster push: acknowledged, as RFC 6121 asks
            reply(user, iq, {});
            return;
        }
    }
    if (type == "get" && child(iq, "ping", "urn:xmpp:ping")) {
        reply(user, iq, {});
        return;
    }
    unhandled(iq);
    if (type == "get" || type == "set")
        reply(user, iq, "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>",
              true);
}

void FullStackUsers::unhandled(xmpp_stanza_t* stanza) {
    ++unhandled_;
    if (samples_.size() >= 5) return;
    char* text = nullptr;
    size_t length = 0;
    if (xmpp_stanza_to_text(stanza, &text, &length) == XMPP_EOK) {
        samples_.emplace_back(text, std::min<size_t>(length, 300));
        xmpp_free(xmpp_stanza_get_context(stanza), text);
    }
}

void FullStackUsers::call_out(std::size_t user, std::size_t step, Micros now) {
    const auto index = static_cast<std::uint32_t>(calls_.size());
    Call& call = calls_.emplace_back();
    call.user = static_cast<std::uint32_t>(user);
    call.step = static_cast<std::uint32_t>(step);
    call.started = now;
    call.peer = options_.callee;
    ++active_;
    calls_tally_.attempt(step);
    set_call_state(index, CallState::initiating, now);
    const std::string me = user_full_jid(user);
    const std::string sid = "f" + std::to_string(index);
    clients_.send(user, "<iq type='set' id='i" + std::to_string(index) + "' to='" + options_.callee +
                            "'><jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='" + sid +
                            "' initiator='" + me + "'><content creator='initiator' name='audio' senders='both'>"
                            "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                            "<payload-type id='0' name='PCMU' clockrate='8000'/>"
                            "<payload-type id='101' name='telephone-event' clockrate='8000'/></description>"
                            "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>"
                            "<candidate component='1' generation='0' id='c1' ip='127.0.0.1' port='" +
                            std::to_string(media_port(user)) + "'/></transport></content></jingle></iq>");
}

void FullStackUsers::set_call_state(std::uint32_t index, CallState state, Micros now) {
    Call& call = calls_[index];
    if (call.state == CallState::initiating && call.generation > 0) --waiting_;
    if (state == CallState::initiating) ++waiting_;
    call.state = state;
    ++call.generation;
    if (state == CallState::initiating || state == CallState::terminating)
        timeouts_.push_back({now + options_.timeout_us, index, call.generation});
    if (state == CallState::answered) hangups_.push_back({now + options_.hold_us, index, call.generation});
}

void FullStackUsers::finish_call(std::uint32_t index, bool ok, const std::string& cause, Micros now) {
    Call& call = calls_[index];
    if (call.state == CallState::done) return;
    if (ok) calls_tally_.success(call.step);
    else calls_tally_.failure(call.step, cause);
    --active_;
    set_call_state(index, CallState::done, now);
    std::string().swap(call.peer);
}

void FullStackUsers::send_terminate(std::uint32_t index, const char* reason) {
    const Call& call = calls_[index];
    std::string out = std::string("<iq type='set' id='t") + std::to_string(index) + "'";
    append_attr(out, "to", call.peer);
    out += "><jingle xmlns='urn:xmpp:jingle:1' action='session-terminate' sid='f" + std::to_string(index) +
           "'><reason><" + reason + "/></reason></jingle></iq>";
    clients_.send(call.user, out);
}

void FullStackUsers::on_call_result(std::uint32_t index, char kind, xmpp_stanza_t* iq, Micros now) {
    Call& call = calls_[index];
    const bool ok = attr(iq, "type") == "result";
    if (kind == 'i') {  // the initiate's result only says the gateway took it
        if (!ok && call.state == CallState::initiating) finish_call(index, false, "initiate-" + error_condition(iq), now);
        return;
    }
    if (call.state != CallState::terminating) return;  // the cancel of a call that already failed
    if (ok) finish_call(index, true, {}, now);
    else finish_call(index, false, "terminate-" + error_condition(iq), now);
}

void FullStackUsers::on_jingle(std::size_t user, xmpp_stanza_t* iq, xmpp_stanza_t* jingle, Micros now) {
    const std::string_view sid = attr(jingle, "sid");
    const std::string_view action = attr(jingle, "action");
    std::uint32_t index = 0;
    char kind = 0;
    if (!parse_id(sid, kind, index) || kind != 'f' || index >= calls_.size() || calls_[index].user != user ||
        calls_[index].state == CallState::done) {
        // A late terminate of a call we gave up on is still acknowledged; anything else is unknown.
        if (action == "session-terminate") reply(user, iq, {});
        else
            reply(user, iq,
                  "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                  "<unknown-session xmlns='urn:xmpp:jingle:errors:1'/></error>",
                  true);
        return;
    }
    reply(user, iq, {});
    Call& call = calls_[index];
    if (action == "session-accept" && call.state == CallState::initiating) {
        calls_tally_.latency(call.step, now - call.started);
        call.peer = attr(iq, "from");
        set_call_state(index, CallState::answered, now);
    } else if (action == "session-terminate") {
        if (call.state == CallState::answered) finish_call(index, false, "hangup-by-gateway-" + terminate_cause(jingle), now);
        else if (call.state == CallState::initiating) finish_call(index, false, terminate_cause(jingle), now);
        // terminating: both hung up at once; our own result decides.
    }
    // session-info (ringing) and the rest: acknowledged above.
}

void FullStackUsers::tick(Micros now) {
    while (!hangups_.empty() && hangups_.front().due <= now) {
        const Timer t = hangups_.front();
        hangups_.pop_front();
        if (calls_[t.call].generation != t.generation || calls_[t.call].state != CallState::answered) continue;
        send_terminate(t.call, "success");
        set_call_state(t.call, CallState::terminating, now);
    }
    while (!timeouts_.empty() && timeouts_.front().due <= now) {
        const Timer t = timeouts_.front();
        timeouts_.pop_front();
        Call& call = calls_[t.call];
        if (call.generation != t.generation) continue;
        if (call.state == CallState::initiating) {
            send_terminate(t.call, "cancel");
            finish_call(t.call, false, "timeout-setup", now);
        } else if (call.state == CallState::terminating) {
            finish_call(t.call, false, "timeout-terminate", now);
        }
    }
}

}  // namespace gw::load
