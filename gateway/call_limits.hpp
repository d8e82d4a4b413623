// Limits on calls: concurrent calls in all and per user, and new calls per second in all and per
// minute per user (token buckets). Pure: the caller passes the time.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gw {

struct CallLimitsOptions {
    std::size_t max_total = 20000;
    std::size_t max_per_user = 4;
    double rate_per_s = 2000;           // new calls per second in all (burst: one second's worth)
    double user_rate_per_minute = 60;   // new calls per user per minute (burst: a minute's worth)
};

class CallLimits {
public:
    explicit CallLimits(CallLimitsOptions options) : options_(options) {}

    // Counts a new call of `user` and returns nothing, or returns why it is refused (a sentence
    // for the user; nothing is counted then).
    std::optional<std::string> admit(std::string_view user, double now);
    // A call counted by admit() ended.
    void release(std::string_view user);

    std::size_t active() const { return active_; }
    std::size_t tracked_users() const { return users_.size(); }

private:
    struct Bucket {
        double tokens = 0;
        double at = 0;
    };
    struct User {
        std::size_t calls = 0;
        Bucket bucket;
    };
    static void refill(Bucket& bucket, double rate_per_s, double capacity, double now);
    void sweep(double now);

    CallLimitsOptions options_;
    std::size_t active_ = 0;
    Bucket global_;
    bool started_ = false;
    std::unordered_map<std::string, User> users_;
    std::size_t admits_since_sweep_ = 0;
};

}  // namespace gw
