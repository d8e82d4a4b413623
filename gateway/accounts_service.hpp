// Users' SIP accounts on the XMPP side (XEP-0100): sign-up, update and removal through
// jabber:iq:register, the presence subscription with the user, and the SIP registration that
// follows the user's presence (first resource online: REGISTER; last one gone: un-REGISTER).
#pragma once

#include "gateway/iq_router.hpp"
#include "gateway/metrics.hpp"
#include "gateway/outbox.hpp"
#include "gateway/presence_tracker.hpp"
#include "gateway/registration_manager.hpp"
#include "gateway/store/account_store.hpp"

#include <string>
#include <vector>

struct event_base;
struct event;

namespace gw {

struct AccountsOptions {
    std::string component_jid;
    std::vector<std::string> allowed_domains;  // empty: users of any domain may register
    std::string default_domain;                // completes user names given without domain
    RegistrationPolicy policy;
};

class AccountsService {
public:
    AccountsService(AccountsOptions options, store::AccountStore& store, Registrar& registrar,
                    Outbox& outbox, event_base* base, Metrics& metrics);
    ~AccountsService();
    AccountsService(const AccountsService&) = delete;
    AccountsService& operator=(const AccountsService&) = delete;

    void add_routes(IqRouter& router);
    // Presence addressed to the gateway itself, from a user.
    void on_user_presence(const xmpp::Stanza& presence);
    void on_sip_event(const sip::RegistrationEvent& event);
    // The component link is up: ask every registered user's server for their presence.
    void probe_all();
    // The link stayed down too long: everyone counts as offline (their registrations end).
    void everyone_offline();

    // For the admin view: every account with its registration state.
    std::string accounts_report();
    std::size_t registered_count() const { return manager_.registered_count(); }
    std::size_t online_users() const { return tracker_.online_users(); }

    // For calls: who is online, on which clients, with which account.
    bool online(std::string_view bare_jid) const { return tracker_.online(bare_jid); }
    bool online_resource(std::string_view full_jid) const { return tracker_.online_resource(full_jid); }
    std::vector<OnlineResource> resources(std::string_view bare_jid) const { return tracker_.resources(bare_jid); }
    // The account of an online user (kept in memory while registered), or nullptr.
    const store::SipAccount* online_account(const std::string& jid) const { return manager_.account(jid); }

private:
    void handle_register_get(const xmpp::Stanza& iq, IqReply& reply);
    void handle_register_set(const xmpp::Stanza& iq, const xmpp::Stanza& query, IqReply& reply);
    void remove_account(const std::string& jid, IqReply& reply);
    std::optional<std::string> domain_refusal(const std::string& jid) const;
    void send_presence(const std::string& to, const char* type);
    void send_status(const std::string& jid);  // the gateway's presence as the user sees it
    void user_online(const std::string& jid);
    double now() const;
    void arm_timer();
    static void on_timer(int, short, void* self);

    AccountsOptions options_;
    store::AccountStore& store_;
    Outbox& outbox_;
    Metrics& metrics_;
    PresenceTracker tracker_;
    RegistrationManager manager_;
    event* timer_ = nullptr;
};

}  // namespace gw
