#include "gateway/accounts_service.hpp"

#include "gateway/client_caps.hpp"

#include "gateway/jid.hpp"
#include "gateway/registration_form_xml.hpp"

#include <event2/event.h>
#include <spdlog/spdlog.h>

#include <cstdlib>

#include <algorithm>
#include <chrono>

namespace gw {
namespace {

// What calls need to know of a client: its priority and its entity capabilities.
ResourceInfo resource_info(const xmpp::Stanza& presence) {
    ResourceInfo info;
    if (auto priority = presence.child("priority")) info.priority = std::atoi(priority->text().c_str());
    info.caps = caps_of_presence(presence);
    return info;
}

constexpr const char* kRegister = "jabber:iq:register";

SipAccountInput input_of(const store::SipAccount& account) {
    return {account.sip_user, account.sip_domain, account.password, account.auth_username,
            account.proxy, account.transport};
}

}  // namespace

AccountsService::AccountsService(AccountsOptions options, store::AccountStore& store,
                                 Registrar& registrar, Outbox& outbox, event_base* base, Metrics& metrics)
    : options_(std::move(options)),
      store_(store),
      outbox_(outbox),
      metrics_(metrics),
      manager_(registrar, options_.policy,
               [this](const std::string& jid, const UserRegistration&) { send_status(jid); }) {
    timer_ = event_new(base, -1, 0, &AccountsService::on_timer, this);
}

AccountsService::~AccountsService() { event_free(timer_); }

double AccountsService::now() const {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

void AccountsService::arm_timer() {
    event_del(timer_);
    const double t = now();
    if (auto due = manager_.next_due(t)) {
        const double delay = std::max(0.0, *due - t);
        timeval tv{static_cast<long>(delay), static_cast<long>((delay - static_cast<long>(delay)) * 1e6)};
        event_add(timer_, &tv);
    }
}

void AccountsService::on_timer(int, short, void* raw) {
    auto* self = static_cast<AccountsService*>(raw);
    try {
        self->manager_.run_due(self->now());
    } catch (const std::exception& e) {
        spdlog::error("registration: {}", e.what());
    }
    self->arm_timer();
}

void AccountsService::add_routes(IqRouter& router) {
    router.add("get", kRegister, [this](const xmpp::Stanza& iq, const xmpp::Stanza&, IqReply& reply) {
        handle_register_get(iq, reply);
    });
    router.add("set", kRegister, [this](const xmpp::Stanza& iq, const xmpp::Stanza& query, IqReply& reply) {
        handle_register_set(iq, query, reply);
    });
}

std::optional<std::string> AccountsService::domain_refusal(const std::string& jid) const {
    if (options_.allowed_domains.empty()) return std::nullopt;
    const std::string domain(jid_domain(jid));
    if (std::find(options_.allowed_domains.begin(), options_.allowed_domains.end(), domain) !=
        options_.allowed_domains.end())
        return std::nullopt;
    return "users of " + domain + " may not register with this gateway";
}

void AccountsService::handle_register_get(const xmpp::Stanza& iq, IqReply& reply) {
    const std::string jid = bare_jid(iq.attr("from"));
    if (auto refusal = domain_refusal(jid)) {
        reply.error(StanzaError::forbidden, *refusal);
        return;
    }
    std::optional<SipAccountInput> registered;
    if (auto account = store_.find(jid)) registered = input_of(*account);
    xmpp::Stanza result = reply.result();
    xmpp::Stanza query = result.add_element("query", kRegister);
    render_registration_form(query, registration_form(options_.default_domain, registered), registered.has_value());
    reply.send(result);
}

void AccountsService::handle_register_set(const xmpp::Stanza& iq, const xmpp::Stanza& query, IqReply& reply) {
    const std::string jid = bare_jid(iq.attr("from"));
    if (auto refusal = domain_refusal(jid)) {
        spdlog::warn("register: {} refused: {}", jid, *refusal);
        reply.error(StanzaError::forbidden, *refusal);
        return;
    }
    if (query.child("remove")) {
        remove_account(jid, reply);
        return;
    }
    const SubmittedForm submitted = read_submitted_form(query);
    if (!submitted.error.empty()) {
        spdlog::warn("register: {} sent a malformed form: {}", jid, submitted.error);
        reply.error(StanzaError::bad_request, submitted.error);
        return;
    }
    const RegistrationResult checked = read_registration(submitted.values, options_.default_domain);
    if (!checked.account) {
        const std::string text = checked.error_text();
        spdlog::warn("register: {} refused: {}", jid, text);
        reply.error(checked.condition() == FormCondition::bad_request ? StanzaError::bad_request
                                                                       : StanzaError::not_acceptable,
                    text);
        return;
    }
    const std::optional<store::SipAccount> previous = store_.find(jid);
    store::SipAccount account;
    account.jid = jid;
    account.sip_user = checked.account->sip_user;
    account.sip_domain = checked.account->sip_domain;
    account.password = checked.account->password;
    account.auth_username = checked.account->auth_username;
    account.proxy = checked.account->proxy;
    account.transport = checked.account->transport;
    account.contact_token = previous ? previous->contact_token : store::new_contact_token();
    try {
        store_.upsert(account);
    } catch (const store::StoreError& e) {
        spdlog::error("register: {}: cannot store the account: {}", jid, e.what());
        reply.error(StanzaError::internal_server_error, "the account could not be stored");
        return;
    }
    metrics_.accounts = store_.count();
    spdlog::info("register: {} {} SIP account {}@{}", jid, previous ? "updated" : "added", account.sip_user,
                 account.sip_domain);
    reply.send(reply.result());
    if (!previous) {
        // XEP-0100 4.1.1: the gateway asks for the user's presence, then approves theirs. No probe
        // before the user approved: the server would answer it with "unsubscribed" on the user's
        // behalf and drop the pending request. The probe follows their "subscribed".
        send_presence(jid, "subscribe");
    }
    if (tracker_.online(jid)) {
        manager_.online(account, now());
        arm_timer();
    }
}

void AccountsService::remove_account(const std::string& jid, IqReply& reply) {
    bool removed = false;
    try {
        removed = store_.remove(jid);
    } catch (const store::StoreError& e) {
        spdlog::error("register: {}: cannot remove the account: {}", jid, e.what());
        reply.error(StanzaError::internal_server_error, "the account could not be removed");
        return;
    }
    if (!removed) {
        reply.error(StanzaError::registration_required, "not registered");
        return;
    }
    metrics_.accounts = store_.count();
    spdlog::info("register: {} removed their SIP account", jid);
    manager_.offline(jid, now());
    arm_timer();
    reply.send(reply.result());
    // XEP-0100 4.3: cancel both subscriptions and say goodbye.
    send_presence(jid, "unsubscribe");
    send_presence(jid, "unsubscribed");
    send_presence(jid, "unavailable");
}

void AccountsService::send_presence(const std::string& to, const char* type) {
    xmpp::Stanza presence = outbox_.make("presence");
    presence.set_attr("from", options_.component_jid);
    presence.set_attr("to", to);
    if (type != nullptr) presence.set_attr("type", type);
    outbox_.send(presence);
}

void AccountsService::send_status(const std::string& jid) {
    xmpp::Stanza presence = outbox_.make("presence");
    presence.set_attr("from", options_.component_jid);
    presence.set_attr("to", jid);
    const UserRegistration* status = manager_.find(jid);
    if (status == nullptr) {
        presence.set_attr("type", "unavailable");
    } else if (status->state != UserRegistrationState::registered) {
        // Not registered (yet): still shown, so that the reason reaches the user.
        presence.add_element("show").add_text(
            status->state == UserRegistrationState::retry_wait ? "xa" : "away");
        presence.add_element("status").add_text(status->text);
    } else {
        presence.add_element("status").add_text(status->text);
    }
    outbox_.send(presence);
}

void AccountsService::user_online(const std::string& jid) {
    std::optional<store::SipAccount> account;
    try {
        account = store_.find(jid);
    } catch (const store::StoreError& e) {
        spdlog::error("registration: {}: cannot read the account: {}", jid, e.what());
        return;
    }
    if (!account) return;
    manager_.online(*account, now());
    arm_timer();
}

void AccountsService::on_user_presence(const xmpp::Stanza& presence) {
    const std::string_view type = presence.attr("type");
    const std::string from(presence.attr("from"));
    const std::string jid = bare_jid(from);
    spdlog::debug("presence {} from {}", type.empty() ? "available" : type, from);
    if (type.empty()) {
        if (tracker_.available(from, resource_info(presence)) == PresenceChange::first_online) user_online(jid);
    } else if (type == "unavailable" || type == "error") {
        if (tracker_.unavailable(from) == PresenceChange::last_offline) {
            manager_.offline(jid, now());
            arm_timer();
        }
    } else if (type == "subscribe") {
        const bool registered = store_.find(jid).has_value();
        send_presence(jid, registered ? "subscribed" : "unsubscribed");
        if (registered) send_status(jid);
    } else if (type == "subscribed") {
        // The user approved our subscription: ask for the presence it now entitles us to.
        send_presence(jid, "probe");
    } else if (type == "unsubscribe") {
        send_presence(jid, "unsubscribed");
    } else if (type == "probe") {
        send_status(jid);
    }
    metrics_.users_online = tracker_.online_users();
}

void AccountsService::on_sip_event(const sip::RegistrationEvent& event) {
    if (event.state == sip::RegistrationState::failed) ++metrics_.registration_failures;
    manager_.on_sip_event(event, now());
    metrics_.sip_registered = manager_.registered_count();
    arm_timer();
}

void AccountsService::probe_all() {
    std::vector<store::SipAccount> accounts;
    try {
        accounts = store_.all();
    } catch (const store::StoreError& e) {
        spdlog::error("registration: cannot list accounts: {}", e.what());
        return;
    }
    spdlog::info("registration: probing the presence of {} users", accounts.size());
    for (const store::SipAccount& account : accounts) send_presence(account.jid, "probe");
}

void AccountsService::everyone_offline() {
    const double t = now();
    for (const std::string& jid : tracker_.clear()) manager_.offline(jid, t);
    metrics_.users_online = 0;
    arm_timer();
}

std::string AccountsService::accounts_report() {
    std::string out;
    for (const store::SipAccount& account : store_.all()) {
        const UserRegistration* status = manager_.find(account.jid);
        out += account.jid + "\tsip:" + account.sip_user + "@" + account.sip_domain + "\t" +
               (tracker_.online(account.jid) ? "online" : "offline") + "\t" +
               (status ? to_string(status->state) : "unregistered") + "\t" +
               (status ? status->text : "") + "\n";
    }
    return out;
}

}  // namespace gw
