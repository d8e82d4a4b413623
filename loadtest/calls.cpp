#include "loadtest/calls.hpp"

#include "loadtest/accounts.hpp"
#include "loadtest/component_server.hpp"
#include "loadtest/users.hpp"

#include <charconv>

namespace gw::load {
namespace {

constexpr std::string_view kJingle = "urn:xmpp:jingle:1";
constexpr std::string_view kRtp = "urn:xmpp:jingle:apps:rtp:1";
constexpr std::string_view kRawUdp = "urn:xmpp:jingle:transports:raw-udp:1";
constexpr std::string_view kIceUdp = "urn:xmpp:jingle:transports:ice-udp:1";
constexpr std::string_view kJmi = "urn:xmpp:jingle-message:0";
constexpr std::string_view kStanzaErrors = "urn:ietf:params:xml:ns:xmpp-stanzas";
constexpr std::string_view kGatewayNs = "urn:xmpp-sip-gateway:0";

// Media ports nobody listens on: only signalling is measured.
int media_port(std::size_t user) { return 40000 + static_cast<int>(user % 10000) * 2; }

// "si17" -> ('i', 17) for our own IQ ids: s+i(nitiate), s+t(erminate), s+a(ccept), s+x (cancel).
bool parse_own_id(std::string_view id, char& kind, std::uint32_t& index) {
    if (id.size() < 3 || id[0] != 's') return false;
    kind = id[1];
    const auto [end, ec] = std::from_chars(id.data() + 2, id.data() + id.size(), index);
    return ec == std::errc{} && end == id.data() + id.size();
}

std::string error_condition(const Element& iq) {
    const Element* error = iq.child("error");
    if (error == nullptr) return "unknown";
    for (const Element& c : error->children)
        if (c.attr("xmlns") == kStanzaErrors && c.name != "text") return c.name;
    return "unknown";
}

}  // namespace

std::string terminate_cause(const Element& jingle) {
    const Element* reason = jingle.child("reason");
    for (const Element* holder : {reason, &jingle}) {
        if (holder == nullptr) continue;
        if (const Element* status = holder->child("sip-status", kGatewayNs); status && !status->attr("code").empty())
            return "sip-" + std::string(status->attr("code"));
    }
    if (reason != nullptr)
        for (const Element& c : reason->children)
            if (c.name != "text" && c.attr("xmlns").empty()) return "jingle-" + c.name;
    return "jingle-no-reason";
}

CallAgent::CallAgent(ComponentServer& server, CallOptions options) : server_(server), options_(std::move(options)) {}

std::uint32_t CallAgent::new_call(Direction direction, std::size_t user, std::size_t step, Micros now) {
    const auto index = static_cast<std::uint32_t>(calls_.size());
    Call& call = calls_.emplace_back();
    call.direction = direction;
    call.user = static_cast<std::uint32_t>(user);
    call.step = static_cast<std::uint32_t>(step);
    call.started = now;
    if (direction == Direction::out) ++active_out_;
    else ++active_in_;
    tallies(call).attempt(step);
    return index;
}

namespace {
bool setting_up(auto state) {
    using S = decltype(state);
    return state == S::proposing || state == S::initiating || state == S::ringing || state == S::accepting;
}
}  // namespace

void CallAgent::set_state(std::uint32_t index, State state, Micros now) {
    Call& call = calls_[index];
    std::size_t& setting_up_now = waiting_[call.direction == Direction::out ? 0 : 1];
    if (setting_up(call.state)) --setting_up_now;
    if (setting_up(state)) ++setting_up_now;
    call.state = state;
    ++call.generation;
    // Every state that waits for the gateway has a timeout; a held call waits for its hang-up.
    if (setting_up(state) || state == State::terminating) timeouts_.push_back({now + options_.timeout_us, index, call.generation});
    if (state == State::answered) hangups_.push_back({now + options_.hold_us, index, call.generation});
}

void CallAgent::finish(std::uint32_t index, bool ok, const std::string& cause, Micros now) {
    Call& call = calls_[index];
    if (call.state == State::done) return;
    if (ok) tallies(call).success(call.step);
    else tallies(call).failure(call.step, cause);
    if (call.direction == Direction::out) --active_out_;
    else {
        --active_in_;
        incoming_.erase(call.sid);
    }
    set_state(index, State::done, now);
    std::string().swap(call.sid);
    std::string().swap(call.peer);
}

void CallAgent::call_out(std::size_t user, std::size_t step, Micros now) {
    const std::uint32_t index = new_call(Direction::out, user, step, now);
    Call& call = calls_[index];
    call.sid = "o" + std::to_string(index);
    call.peer = options_.callee;
    if (options_.jmi_out) {
        set_state(index, State::proposing, now);
        server_.send("<message type='chat' from='" + user_full_jid(user) + "' to='" + options_.callee +
                     "' id='m" + call.sid + "'><propose xmlns='urn:xmpp:jingle-message:0' id='" + call.sid +
                     "'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose></message>");
        return;
    }
    set_state(index, State::initiating, now);
    send_initiate(index);
}

void CallAgent::send_initiate(std::uint32_t index) {
    const Call& call = calls_[index];
    const std::string me = user_full_jid(call.user);
    std::string out = "<iq type='set' id='si" + std::to_string(index) + "' from='" + me + "'";
    append_attr(out, "to", call.peer);
    out += "><jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='" + call.sid + "' initiator='" + me +
           "'><content creator='initiator' name='audio' senders='both'>"
           "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
           "<payload-type id='0' name='PCMU' clockrate='8000'/>"
           "<payload-type id='101' name='telephone-event' clockrate='8000'/></description>"
           "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>"
           "<candidate component='1' generation='0' id='c1' ip='127.0.0.1' port='" +
           std::to_string(media_port(call.user)) + "'/></transport></content></jingle></iq>";
    server_.send(out);
}

void CallAgent::send_terminate(std::uint32_t index, const char* reason) {
    const Call& call = calls_[index];
    std::string out = std::string("<iq type='set' id='s") + (std::string_view(reason) == "success" ? 't' : 'x') +
                      std::to_string(index) + "' from='" + user_full_jid(call.user) + "'";
    append_attr(out, "to", call.peer);
    out += "><jingle xmlns='urn:xmpp:jingle:1' action='session-terminate'";
    append_attr(out, "sid", call.sid);
    out += std::string("><reason><") + reason + "/></reason></jingle></iq>";
    server_.send(out);
}

void CallAgent::send_accept(std::uint32_t index, const Element& initiate) {
    const Call& call = calls_[index];
    const std::string me = user_full_jid(call.user);
    std::string out = "<iq type='set' id='sa" + std::to_string(index) + "' from='" + me + "'";
    append_attr(out, "to", call.peer);
    out += "><jingle xmlns='urn:xmpp:jingle:1' action='session-accept'";
    append_attr(out, "sid", call.sid);
    append_attr(out, "responder", me);
    out += '>';
    // Mirror each offered content: PCMU (and telephone-event) if offered, else the first codec.
    for (const Element& content : initiate.children) {
        if (content.name != "content") continue;
        const Element* description = content.child("description", kRtp);
        const Element* transport = content.child("transport");
        if (description == nullptr || transport == nullptr) continue;
        out += "<content";
        append_attr(out, "creator", content.attr("creator").empty() ? "initiator" : content.attr("creator"));
        append_attr(out, "name", content.attr("name"));
        out += " senders='both'><description xmlns='urn:xmpp:jingle:apps:rtp:1'";
        append_attr(out, "media", description->attr("media"));
        out += '>';
        const Element* first = nullptr;
        std::string chosen;
        for (const Element& pt : description->children) {
            if (pt.name != "payload-type") continue;
            if (first == nullptr) first = &pt;
            if (pt.attr("name") == "PCMU" || pt.attr("name") == "telephone-event") {
                chosen += "<payload-type";
                for (const char* a : {"id", "name", "clockrate"}) append_attr(chosen, a, pt.attr(a));
                chosen += "/>";
            }
        }
        if (chosen.empty() && first != nullptr) {
            chosen += "<payload-type";
            for (const char* a : {"id", "name", "clockrate", "channels"})
                if (!first->attr(a).empty()) append_attr(chosen, a, first->attr(a));
            chosen += "/>";
        }
        out += chosen + "</description>";
        const std::string port = std::to_string(media_port(call.user) + 1);
        if (transport->attr("xmlns") == kIceUdp) {
            out += "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='xsgl' pwd='xsgloadtestpassword00'>"
                   "<candidate component='1' foundation='1' generation='0' id='a1' ip='127.0.0.1' network='0' "
                   "port='" + port + "' priority='2130706431' protocol='udp' type='host'/></transport>";
        } else {
            out += "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'><candidate component='1' generation='0' "
                   "id='a1' ip='127.0.0.1' port='" + port + "'/></transport>";
        }
        out += "</content>";
    }
    out += "</jingle></iq>";
    server_.send(out);
}

void CallAgent::answer_iq(const Element& iq) {
    std::string out = "<iq type='result'";
    append_attr(out, "id", iq.attr("id"));
    append_attr(out, "from", iq.attr("to"));
    append_attr(out, "to", iq.attr("from"));
    out += "/>";
    server_.send(out);
}

void CallAgent::error_iq(const Element& iq, const char* condition) {
    std::string out = "<iq type='error'";
    append_attr(out, "id", iq.attr("id"));
    append_attr(out, "from", iq.attr("to"));
    append_attr(out, "to", iq.attr("from"));
    out += std::string("><error type='cancel'><") + condition +
           " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><unknown-session xmlns='urn:xmpp:jingle:errors:1'/>"
           "</error></iq>";
    server_.send(out);
}

const CallAgent::Call* CallAgent::find_sid(std::string_view sid, std::uint32_t& index) const {
    if (sid.size() > 1 && sid[0] == 'o') {
        const auto [end, ec] = std::from_chars(sid.data() + 1, sid.data() + sid.size(), index);
        if (ec == std::errc{} && end == sid.data() + sid.size() && index < calls_.size() &&
            calls_[index].direction == Direction::out)
            return &calls_[index];
    }
    if (auto found = incoming_.find(std::string(sid)); found != incoming_.end()) {
        index = found->second;
        return &calls_[index];
    }
    return nullptr;
}

bool CallAgent::handle(const Element& stanza, Micros now) {
    if (stanza.name == "iq") {
        const std::string_view type = stanza.attr("type");
        if (type == "result" || type == "error") {
            char kind = 0;
            std::uint32_t index = 0;
            if (!parse_own_id(stanza.attr("id"), kind, index) || index >= calls_.size()) return false;
            on_result(index, kind, stanza, now);
            return true;
        }
        if (type == "set") {
            const Element* jingle = stanza.child("jingle", kJingle);
            if (jingle == nullptr) return false;
            on_jingle(stanza, *jingle, now);
            return true;
        }
        return false;
    }
    if (stanza.name == "message") {
        for (const Element& c : stanza.children) {
            if (c.attr("xmlns") == kJmi) {
                on_jmi(stanza, c, now);
                return true;
            }
        }
    }
    return false;
}

void CallAgent::on_result(std::uint32_t index, char kind, const Element& iq, Micros now) {
    Call& call = calls_[index];
    const bool ok = iq.attr("type") == "result";
    switch (kind) {
    case 'i':  // our session-initiate: the result only says the gateway took it
        if (!ok && (call.state == State::initiating)) finish(index, false, "initiate-" + error_condition(iq), now);
        return;
    case 't':
        if (call.state != State::terminating) return;
        if (ok) finish(index, true, {}, now);
        else finish(index, false, "terminate-" + error_condition(iq), now);
        return;
    case 'a':
        if (call.state != State::accepting) return;
        if (ok) {
            // From the ring (propose or session-initiate) to the gateway taking the answer.
            tallies(call).latency(call.step, now - call.started);
            set_state(index, State::talking, now);
        }
        else finish(index, false, "accept-" + error_condition(iq), now);
        return;
    default:  // 'x': the cancel of a call that already failed
        return;
    }
}

void CallAgent::on_jingle(const Element& iq, const Element& jingle, Micros now) {
    const std::string_view action = jingle.attr("action");
    std::uint32_t index = 0;
    const Call* call = find_sid(jingle.attr("sid"), index);
    if (call == nullptr && action == "session-initiate") {
        // A call in without JMI: the gateway rings the resource directly.
        const auto user = user_of(iq.attr("to"));
        if (!user) {
            error_iq(iq, "item-not-found");
            return;
        }
        index = new_call(Direction::in, *user, step_in_, now);
        Call& fresh = calls_[index];
        fresh.sid = jingle.attr("sid");
        fresh.peer = iq.attr("from");
        incoming_[fresh.sid] = index;
        set_state(index, State::ringing, now);
        call = &calls_[index];
    }
    if (call == nullptr || call->state == State::done) {
        ++unknown_sessions_;
        // A late terminate of a call we gave up on is still acknowledged; anything else is unknown.
        if (action == "session-terminate") answer_iq(iq);
        else error_iq(iq, "item-not-found");
        return;
    }
    answer_iq(iq);
    if (action == "session-terminate") {
        switch (call->state) {
        case State::talking: finish(index, true, {}, now); return;
        case State::terminating: return;  // both hung up at once: our own result decides
        case State::answered: finish(index, false, "hangup-by-gateway-" + terminate_cause(jingle), now); return;
        default: finish(index, false, terminate_cause(jingle), now); return;
        }
    }
    if (action == "session-accept" && call->state == State::initiating) {
        tallies(*call).latency(call->step, now - call->started);
        if (options_.callee_time) {
            if (auto callee = options_.callee_time(call->user)) tallies(*call).gateway_latency(now - call->started - *callee);
        }
        set_state(index, State::answered, now);
        return;
    }
    if (action == "session-initiate" && call->direction == Direction::in && call->state == State::ringing) {
        calls_[index].peer = iq.attr("from");
        send_accept(index, jingle);
        set_state(index, State::accepting, now);
    }
    // session-info (ringing), transport-info ...: acknowledged above, nothing else to do.
}

void CallAgent::on_jmi(const Element& message, const Element& payload, Micros now) {
    const std::string_view id = payload.attr("id");
    std::uint32_t index = 0;
    const Call* call = find_sid(id, index);
    if (payload.name == "propose" && call == nullptr) {
        const auto user = user_of(message.attr("to"));
        if (!user) return;
        index = new_call(Direction::in, *user, step_in_, now);
        Call& fresh = calls_[index];
        fresh.sid = id;
        fresh.peer = message.attr("from");
        incoming_[fresh.sid] = index;
        set_state(index, State::ringing, now);
        std::string out = "<message";
        append_attr(out, "from", user_full_jid(*user));
        append_attr(out, "to", fresh.peer);
        out += "><proceed xmlns='urn:xmpp:jingle-message:0'";
        append_attr(out, "id", id);
        out += "/></message>";
        server_.send(out);
        return;
    }
    if (call == nullptr || call->state == State::done) return;
    if (payload.name == "proceed" && call->state == State::proposing) {
        calls_[index].peer = message.attr("from");
        set_state(index, State::initiating, now);
        send_initiate(index);
    } else if (payload.name == "reject" || payload.name == "retract") {
        if (call->state == State::proposing || call->state == State::ringing)
            finish(index, false, "jmi-" + std::string(payload.name), now);
    }
    // <ringing/> and <finish/> need no answer.
}

void CallAgent::tick(Micros now) {
    while (!hangups_.empty() && hangups_.front().due <= now) {
        const Timer t = hangups_.front();
        hangups_.pop_front();
        Call& call = calls_[t.call];
        if (call.generation != t.generation || call.state != State::answered) continue;
        send_terminate(t.call, "success");
        set_state(t.call, State::terminating, now);
    }
    while (!timeouts_.empty() && timeouts_.front().due <= now) {
        const Timer t = timeouts_.front();
        timeouts_.pop_front();
        Call& call = calls_[t.call];
        if (call.generation != t.generation) continue;
        switch (call.state) {
        case State::proposing:
            server_.send("<message from='" + user_full_jid(call.user) + "' to='" + options_.callee +
                         "'><retract xmlns='urn:xmpp:jingle-message:0' id='" + call.sid + "'/></message>");
            finish(t.call, false, "timeout-setup", now);
            break;
        case State::initiating:
            send_terminate(t.call, "cancel");
            finish(t.call, false, "timeout-setup", now);
            break;
        case State::terminating: finish(t.call, false, "timeout-terminate", now); break;
        case State::ringing: finish(t.call, false, "timeout-ringing", now); break;
        case State::accepting: finish(t.call, false, "timeout-accept", now); break;
        case State::answered:
        case State::talking:
        case State::done: break;
        }
    }
}

}  // namespace gw::load
