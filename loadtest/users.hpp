// The simulated users as their XMPP server presents them to the gateway: presence (with entity
// caps) when they come online or leave, answers to the gateway's presence probes and disco#info
// queries, and the gateway's status presence read back as their SIP registration state.
// Call signalling is CallAgent's (calls.hpp).
#pragma once

#include "loadtest/caps.hpp"
#include "loadtest/stats.hpp"
#include "loadtest/xml.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::load {

class ComponentServer;

// The user index of "user17@load.test[/res]"; nullopt for any other JID.
std::optional<std::size_t> user_of(std::string_view jid);

class Users {
public:
    // ok: the gateway says "registered as ..."; otherwise `cause` names the failure ("sip-403").
    using RegistrationObserver = std::function<void(std::size_t user, bool ok, const std::string& cause)>;

    Users(ComponentServer& server, std::size_t count, bool jmi);

    std::size_t size() const { return state_.size(); }
    const ClientCaps& caps() const { return caps_; }
    void on_registration(RegistrationObserver observer) { observer_ = std::move(observer); }

    void go_online(std::size_t user);   // available presence with caps, as the server broadcasts it
    void go_offline(std::size_t user);  // unavailable presence
    bool online(std::size_t user) const { return state_[user].online; }
    std::size_t registered_count() const { return registered_; }

    // Presence and disco#info for users; false when the stanza is not one of those.
    bool handle(const Element& stanza);

    std::uint64_t probes() const { return probes_; }
    std::uint64_t disco_queries() const { return disco_queries_; }

private:
    enum class Registration : std::uint8_t { none, registered, failed };
    struct State {
        bool online = false;
        Registration registration = Registration::none;
    };

    void on_presence(std::size_t user, const Element& presence);
    void on_disco(const Element& iq);
    void set_registration(std::size_t user, Registration next, const std::string& cause);

    ComponentServer& server_;
    ClientCaps caps_;
    std::string available_payload_;  // <c/> and <priority/>: the same for everyone
    std::vector<State> state_;
    RegistrationObserver observer_;
    std::size_t registered_ = 0;
    std::uint64_t probes_ = 0;
    std::uint64_t disco_queries_ = 0;
};

// "SIP registration failed: 403 Forbidden; retrying in 30 s" -> "sip-403".
std::string registration_failure_cause(std::string_view status);

}  // namespace gw::load
