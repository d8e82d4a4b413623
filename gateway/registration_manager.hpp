// Keeps each online user's SIP registration alive: started at a bounded rate (a restart with
// 50,000 users must not flood the registrar), retried with exponential backoff after failures,
// removed when the user goes offline. Time is passed in (seconds on a monotonic clock), so the
// whole policy is tested without sleeping; the bridge drives it from one libevent timer.
#pragma once

#include "gateway/store/account.hpp"
#include "sip/registration.hpp"

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace gw {

struct RegistrationPolicy {
    unsigned expires_s = 600;
    double rate_per_s = 50.0;       // REGISTERs started per second, at most
    double retry_initial_s = 30.0;  // first retry after a failure; doubles up to retry_max_s
    double retry_max_s = 1800.0;
    std::string default_proxy;      // host[:port] for accounts that name no proxy
};

enum class UserRegistrationState { queued, registering, registered, retry_wait, unregistering };
const char* to_string(UserRegistrationState state);

struct UserRegistration {
    UserRegistrationState state = UserRegistrationState::queued;
    int last_status = 0;           // SIP status of the last outcome, 0 before any
    std::string last_phrase;
    double retry_at = 0;           // when retry_wait ends
    std::string text;              // for the user: "registered as alice@example.com", ...
};

// What the manager needs from the SIP user agent.
class Registrar {
public:
    virtual ~Registrar() = default;
    virtual sip::RegistrationId register_user(const sip::RegistrationRequest& request) = 0;
    virtual void unregister_user(sip::RegistrationId id) = 0;
};

// Builds the REGISTER for an account: AOR, digest user, registrar, proxy, Contact token.
sip::RegistrationRequest registration_request(const store::SipAccount& account,
                                              const RegistrationPolicy& policy);

class RegistrationManager {
public:
    // `changed` hears every state change of a user (to tell the user through presence).
    using Observer = std::function<void(const std::string& jid, const UserRegistration&)>;

    RegistrationManager(Registrar& registrar, RegistrationPolicy policy, Observer changed,
                        std::uint64_t seed = std::random_device{}());

    // The user is online with this account (again, or with changed settings: re-registers).
    void online(const store::SipAccount& account, double now);
    // The user's last resource left, or the account was removed: un-REGISTER.
    void offline(const std::string& jid, double now);
    void on_sip_event(const sip::RegistrationEvent& event, double now);
    // Starts queued registrations as the rate allows and retries whose time has come.
    void run_due(double now);
    // When run_due() has something to do next, if anything.
    std::optional<double> next_due(double now) const;

    const UserRegistration* find(const std::string& jid) const;
    // The account of a user the manager keeps registered (online), or nullptr.
    const store::SipAccount* account(const std::string& jid) const;
    std::vector<std::pair<std::string, UserRegistration>> snapshot() const;
    std::size_t registered_count() const;
    std::size_t size() const { return users_.size(); }

private:
    struct Entry {
        store::SipAccount account;
        UserRegistration status;
        sip::RegistrationId id = 0;   // the current SIP registration, 0 if none
        double backoff_s = 0;
        bool wanted = true;           // false once offline: remove when unregistered
        bool reregister = false;      // changed settings while a registration was up
    };

    void start(const std::string& jid, Entry& entry);
    void enqueue(const std::string& jid, Entry& entry);
    void drop_retry(const std::string& jid, const Entry& entry);  // keeps retries_ exact
    void refill(double now);
    void changed(const std::string& jid, const Entry& entry);
    void set_state(Entry& entry, UserRegistrationState state);

    Registrar& registrar_;
    RegistrationPolicy policy_;
    Observer observer_;
    std::mt19937_64 rng_;
    std::unordered_map<std::string, Entry> users_;
    std::unordered_map<sip::RegistrationId, std::string> by_id_;
    std::deque<std::string> queue_;
    std::multimap<double, std::string> retries_;  // retry_at -> user in retry_wait
    double tokens_ = 0;
    double refilled_at_ = -1;
    std::size_t registered_ = 0;  // users in state registered
};

}  // namespace gw
