#include "gateway/call_limits.hpp"

#include <algorithm>

namespace gw {

void CallLimits::refill(Bucket& bucket, double rate_per_s, double capacity, double now) {
    if (now > bucket.at) bucket.tokens = std::min(capacity, bucket.tokens + (now - bucket.at) * rate_per_s);
    bucket.at = std::max(bucket.at, now);
}

std::optional<std::string> CallLimits::admit(std::string_view user, double now) {
    const double global_capacity = std::max(1.0, options_.rate_per_s);
    const double user_capacity = std::max(1.0, options_.user_rate_per_minute);
    if (!started_) {
        global_ = Bucket{global_capacity, now};
        started_ = true;
    }
    if (active_ >= options_.max_total)
        return "the gateway carries its maximum of " + std::to_string(options_.max_total) + " calls";
    refill(global_, options_.rate_per_s, global_capacity, now);
    if (global_.tokens < 1.0) return std::string("the gateway is placing too many calls right now; try again");

    std::string key(user);
    auto [it, fresh] = users_.try_emplace(key);
    User& u = it->second;
    if (fresh) u.bucket = Bucket{user_capacity, now};
    if (u.calls >= options_.max_per_user) {
        return "you already have " + std::to_string(u.calls) + " calls (the limit is " +
               std::to_string(options_.max_per_user) + ")";
    }
    refill(u.bucket, options_.user_rate_per_minute / 60.0, user_capacity, now);
    if (u.bucket.tokens < 1.0) {
        return "too many new calls: at most " + std::to_string(static_cast<long>(options_.user_rate_per_minute)) +
               " per minute";
    }
    u.bucket.tokens -= 1.0;
    global_.tokens -= 1.0;
    ++u.calls;
    ++active_;
    if (++admits_since_sweep_ >= 4096) sweep(now);
    return std::nullopt;
}

void CallLimits::release(std::string_view user) {
    auto it = users_.find(std::string(user));
    if (it == users_.end() || it->second.calls == 0) return;
    --it->second.calls;
    if (active_ > 0) --active_;
}

// Users without calls whose bucket is full again are no different from unknown users: forget them.
void CallLimits::sweep(double now) {
    admits_since_sweep_ = 0;
    const double user_capacity = std::max(1.0, options_.user_rate_per_minute);
    for (auto it = users_.begin(); it != users_.end();) {
        refill(it->second.bucket, options_.user_rate_per_minute / 60.0, user_capacity, now);
        if (it->second.calls == 0 && it->second.bucket.tokens >= user_capacity) it = users_.erase(it);
        else ++it;
    }
}

}  // namespace gw
