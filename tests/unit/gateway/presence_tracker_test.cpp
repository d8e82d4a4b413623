#include "gateway/presence_tracker.hpp"

#include <doctest/doctest.h>

using gw::PresenceChange;

TEST_CASE("first resource online and last offline are the only transitions") {
    gw::PresenceTracker tracker;
    CHECK(tracker.available("alice@example.org/phone") == PresenceChange::first_online);
    CHECK(tracker.available("alice@example.org/laptop") == PresenceChange::none);
    CHECK(tracker.available("alice@example.org/phone") == PresenceChange::none);
    CHECK(tracker.resources("alice@example.org").size() == 2);
    CHECK(tracker.unavailable("alice@example.org/phone") == PresenceChange::none);
    CHECK(tracker.online("alice@example.org"));
    CHECK(tracker.unavailable("alice@example.org/laptop") == PresenceChange::last_offline);
    CHECK_FALSE(tracker.online("alice@example.org"));
    CHECK(tracker.unavailable("alice@example.org/laptop") == PresenceChange::none);
}

TEST_CASE("domains compare case-insensitively; clear() returns who was online") {
    gw::PresenceTracker tracker;
    tracker.available("bob@Example.ORG/x");
    CHECK(tracker.online("bob@example.org"));
    tracker.available("carol@example.org/y");
    auto users = tracker.clear();
    CHECK(users.size() == 2);
    CHECK(tracker.online_users() == 0);
}
