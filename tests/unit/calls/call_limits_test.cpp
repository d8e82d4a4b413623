#include "gateway/call_limits.hpp"

#include <doctest/doctest.h>

using namespace gw;

TEST_CASE("concurrent calls per user and in all") {
    CallLimits limits({.max_total = 3, .max_per_user = 2, .rate_per_s = 1000, .user_rate_per_minute = 1000});
    CHECK_FALSE(limits.admit("a@x", 0));
    CHECK_FALSE(limits.admit("a@x", 0));
    auto third = limits.admit("a@x", 0);
    REQUIRE(third);
    CHECK(third->find("limit is 2") != std::string::npos);
    CHECK_FALSE(limits.admit("b@x", 0));
    auto full = limits.admit("c@x", 0);
    REQUIRE(full);
    CHECK(full->find("maximum of 3") != std::string::npos);
    limits.release("a@x");
    CHECK(limits.active() == 2);
    CHECK_FALSE(limits.admit("c@x", 0));
}

TEST_CASE("new calls per second in all refill with time") {
    CallLimits limits({.max_total = 100, .max_per_user = 100, .rate_per_s = 2, .user_rate_per_minute = 1000});
    CHECK_FALSE(limits.admit("a@x", 10.0));
    CHECK_FALSE(limits.admit("b@x", 10.0));
    CHECK(limits.admit("c@x", 10.0));  // the burst of one second is spent
    CHECK_FALSE(limits.admit("c@x", 10.5));  // half a second later: one more
}

TEST_CASE("new calls per user per minute") {
    CallLimits limits({.max_total = 100, .max_per_user = 100, .rate_per_s = 1000, .user_rate_per_minute = 2});
    CHECK_FALSE(limits.admit("a@x", 0));
    CHECK_FALSE(limits.admit("a@x", 0));
    auto refused = limits.admit("a@x", 1);
    REQUIRE(refused);
    CHECK(refused->find("2 per minute") != std::string::npos);
    CHECK_FALSE(limits.admit("b@x", 1));   // other users are not affected
    CHECK_FALSE(limits.admit("a@x", 31));  // half a minute refills one
    CHECK(limits.active() == 4);           // refusals are not counted
}

TEST_CASE("releasing unknown users changes nothing") {
    CallLimits limits({});
    limits.release("nobody@x");
    CHECK(limits.active() == 0);
}
