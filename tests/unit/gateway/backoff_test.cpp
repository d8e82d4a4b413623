#include "xmpp/backoff.hpp"

#include <doctest/doctest.h>

TEST_CASE("reconnect delays double up to the cap, with jitter in [0.5, 1] of the base") {
    gw::xmpp::Backoff backoff(1.0, 8.0, 42);
    const double bases[] = {1, 2, 4, 8, 8, 8};
    for (double base : bases) {
        const double delay = backoff.next();
        CHECK(delay >= base * 0.5);
        CHECK(delay <= base);
    }
    backoff.reset();
    CHECK(backoff.next() <= 1.0);
}

TEST_CASE("jitter spreads gateways that restart together") {
    gw::xmpp::Backoff a(10.0, 10.0, 1), b(10.0, 10.0, 2);
    CHECK(a.next() != b.next());
}
