#include "gateway/registration_manager.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

namespace gw {

const char* to_string(UserRegistrationState state) {
    switch (state) {
    case UserRegistrationState::queued: return "queued";
    case UserRegistrationState::registering: return "registering";
    case UserRegistrationState::registered: return "registered";
    case UserRegistrationState::retry_wait: return "retry_wait";
    case UserRegistrationState::unregistering: return "unregistering";
    }
    return "?";
}

namespace {

bool same_settings(const store::SipAccount& a, const store::SipAccount& b) {
    return a.sip_user == b.sip_user && a.sip_domain == b.sip_domain && a.password == b.password &&
           a.auth_username == b.auth_username && a.proxy == b.proxy && a.transport == b.transport &&
           a.contact_token == b.contact_token;
}

std::string address_of(const store::SipAccount& account) {
    return account.sip_user + "@" + account.sip_domain;
}

}  // namespace

sip::RegistrationRequest registration_request(const store::SipAccount& account,
                                              const RegistrationPolicy& policy) {
    sip::RegistrationRequest request;
    request.aor = "sip:" + address_of(account);
    request.auth_user = account.auth_username.empty() ? account.sip_user : account.auth_username;
    request.password = account.password;
    request.registrar = "sip:" + account.sip_domain;
    const std::string& proxy = account.proxy.empty() ? policy.default_proxy : account.proxy;
    const std::string transport = account.transport.empty() ? "" : ";transport=" + account.transport;
    if (!proxy.empty()) request.proxy = "sip:" + proxy + transport;
    else request.registrar += transport;
    request.contact_user = account.contact_token;
    request.expires_s = policy.expires_s;
    return request;
}

RegistrationManager::RegistrationManager(Registrar& registrar, RegistrationPolicy policy,
                                         Observer changed, std::uint64_t seed)
    : registrar_(registrar), policy_(std::move(policy)), observer_(std::move(changed)), rng_(seed) {}

void RegistrationManager::changed(const std::string& jid, const Entry& entry) {
    if (entry.wanted && observer_) observer_(jid, entry.status);
}

void RegistrationManager::drop_retry(const std::string& jid, const Entry& entry) {
    if (entry.status.state != UserRegistrationState::retry_wait) return;
    auto [first, last] = retries_.equal_range(entry.status.retry_at);
    for (auto it = first; it != last; ++it) {
        if (it->second == jid) {
            retries_.erase(it);
            return;
        }
    }
}

void RegistrationManager::enqueue(const std::string& jid, Entry& entry) {
    drop_retry(jid, entry);
    set_state(entry, UserRegistrationState::queued);
    queue_.push_back(jid);
}

void RegistrationManager::start(const std::string& jid, Entry& entry) {
    set_state(entry, UserRegistrationState::registering);
    entry.id = registrar_.register_user(registration_request(entry.account, policy_));
    by_id_[entry.id] = jid;
    spdlog::debug("registration: {} REGISTER {} (id {})", jid, address_of(entry.account), entry.id);
}

void RegistrationManager::online(const store::SipAccount& account, double now) {
    auto [found, inserted] = users_.try_emplace(account.jid);
    Entry& entry = found->second;
    if (inserted) {
        entry.account = account;
        entry.status.text = "registering as " + address_of(account);
        enqueue(account.jid, entry);
        changed(account.jid, entry);
    } else {
        const bool settings_changed = !same_settings(entry.account, account);
        const bool was_wanted = entry.wanted;
        entry.account = account;
        entry.wanted = true;
        switch (entry.status.state) {
        case UserRegistrationState::queued:
            break;
        case UserRegistrationState::retry_wait:
            if (settings_changed) enqueue(account.jid, entry);  // new credentials: try them now
            break;
        case UserRegistrationState::registering:
        case UserRegistrationState::registered:
            if (settings_changed) {
                entry.reregister = true;
                set_state(entry, UserRegistrationState::unregistering);
                registrar_.unregister_user(entry.id);
            }
            break;
        case UserRegistrationState::unregistering:
            entry.reregister = entry.reregister || settings_changed || !was_wanted;
            break;
        }
    }
    run_due(now);
}

void RegistrationManager::offline(const std::string& jid, double now) {
    auto found = users_.find(jid);
    if (found == users_.end()) return;
    Entry& entry = found->second;
    entry.wanted = false;
    entry.reregister = false;
    switch (entry.status.state) {
    case UserRegistrationState::queued:
    case UserRegistrationState::retry_wait:
        drop_retry(jid, entry);
        users_.erase(found);  // the queue skips users that are gone
        break;
    case UserRegistrationState::registering:
    case UserRegistrationState::registered:
        set_state(entry, UserRegistrationState::unregistering);
        registrar_.unregister_user(entry.id);
        break;
    case UserRegistrationState::unregistering:
        break;
    }
    run_due(now);
}

void RegistrationManager::on_sip_event(const sip::RegistrationEvent& event, double now) {
    auto id = by_id_.find(event.id);
    if (id == by_id_.end()) return;
    const std::string jid = id->second;
    Entry& entry = users_.at(jid);
    entry.status.last_status = event.status;
    entry.status.last_phrase = event.phrase;
    switch (event.state) {
    case sip::RegistrationState::registered:
        if (entry.status.state == UserRegistrationState::unregistering) break;  // a refresh raced the removal
        entry.backoff_s = 0;
        if (entry.status.state != UserRegistrationState::registered) {
            set_state(entry, UserRegistrationState::registered);
            entry.status.text = "registered as " + address_of(entry.account);
            spdlog::info("registration: {} registered as {} ({} s)", jid, address_of(entry.account),
                         event.expires_s);
            changed(jid, entry);
        }
        break;
    case sip::RegistrationState::failed:
    case sip::RegistrationState::unregistered: {
        by_id_.erase(id);
        entry.id = 0;
        if (!entry.wanted) {
            set_state(entry, UserRegistrationState::queued);  // keeps the registered count exact
            users_.erase(jid);
            break;
        }
        if (entry.reregister || event.state == sip::RegistrationState::unregistered) {
            entry.reregister = false;
            enqueue(jid, entry);
            break;
        }
        entry.backoff_s = entry.backoff_s == 0 ? policy_.retry_initial_s
                                               : std::min(entry.backoff_s * 2, policy_.retry_max_s);
        const double delay = entry.backoff_s * std::uniform_real_distribution<double>(0.75, 1.0)(rng_);
        set_state(entry, UserRegistrationState::retry_wait);
        entry.status.retry_at = now + delay;
        retries_.emplace(entry.status.retry_at, jid);
        entry.status.text = "SIP registration failed: " + std::to_string(event.status) + " " + event.phrase +
                            "; retrying in " + std::to_string(static_cast<long>(std::lround(delay))) + " s";
        spdlog::warn("registration: {} as {}: {}", jid, address_of(entry.account), entry.status.text);
        changed(jid, entry);
        break;
    }
    }
    run_due(now);
}

void RegistrationManager::refill(double now) {
    const double capacity = std::max(1.0, policy_.rate_per_s);
    if (refilled_at_ < 0) tokens_ = capacity;
    else tokens_ = std::min(capacity, tokens_ + (now - refilled_at_) * policy_.rate_per_s);
    refilled_at_ = now;
}

void RegistrationManager::run_due(double now) {
    refill(now);
    while (!retries_.empty() && retries_.begin()->first <= now) {
        auto due = retries_.extract(retries_.begin());
        auto found = users_.find(due.mapped());
        if (found != users_.end()) {
            set_state(found->second, UserRegistrationState::queued);
            queue_.push_back(found->first);
        }
    }
    while (tokens_ >= 1.0 && !queue_.empty()) {
        const std::string jid = std::move(queue_.front());
        queue_.pop_front();
        auto found = users_.find(jid);
        if (found == users_.end() || found->second.status.state != UserRegistrationState::queued ||
            !found->second.wanted)
            continue;
        tokens_ -= 1.0;
        start(jid, found->second);
    }
}

std::optional<double> RegistrationManager::next_due(double now) const {
    std::optional<double> next;
    if (!queue_.empty())
        next = tokens_ >= 1.0 ? now : now + (1.0 - tokens_) / std::max(policy_.rate_per_s, 1e-3);
    if (!retries_.empty() && (!next || retries_.begin()->first < *next)) next = retries_.begin()->first;
    return next;
}

const store::SipAccount* RegistrationManager::account(const std::string& jid) const {
    auto it = users_.find(jid);
    return it == users_.end() || !it->second.wanted ? nullptr : &it->second.account;
}

const UserRegistration* RegistrationManager::find(const std::string& jid) const {
    auto found = users_.find(jid);
    return found == users_.end() || !found->second.wanted ? nullptr : &found->second.status;
}

std::vector<std::pair<std::string, UserRegistration>> RegistrationManager::snapshot() const {
    std::vector<std::pair<std::string, UserRegistration>> out;
    out.reserve(users_.size());
    for (const auto& [jid, entry] : users_) out.emplace_back(jid, entry.status);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

std::size_t RegistrationManager::registered_count() const { return registered_; }

// Every change of a user's state goes through here, so the registered count is kept exact
// without walking every user (the gateway asks for it on every SIP event).
void RegistrationManager::set_state(Entry& entry, UserRegistrationState state) {
    if (entry.status.state == UserRegistrationState::registered) --registered_;
    if (state == UserRegistrationState::registered) ++registered_;
    entry.status.state = state;
}

}  // namespace gw
