#include "gateway/metrics.hpp"

#include <doctest/doctest.h>

TEST_CASE("metrics render in the Prometheus text format") {
    gw::Metrics metrics;
    metrics.component_connected = true;
    metrics.component_connects = 3;
    metrics.iq_errors_sent = 7;
    const std::string text = metrics.to_prometheus();
    CHECK(text.find("# TYPE xsg_component_connected gauge\nxsg_component_connected 1\n") != std::string::npos);
    CHECK(text.find("xsg_component_connects_total 3\n") != std::string::npos);
    CHECK(text.find("xsg_iq_errors_sent_total 7\n") != std::string::npos);
    CHECK(text.back() == '\n');
}

#include "gateway/entity_caps.hpp"

TEST_CASE("the caps verification string matches XEP-0115's own example") {
    gw::DiscoInfo info;
    info.identities.push_back({"client", "pc", "Exodus 0.9.1", ""});
    info.features = {"http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
                     "http://jabber.org/protocol/muc", "http://jabber.org/protocol/caps"};
    CHECK(gw::caps_verification(info) == "QgayPKawpkPSDYmwT/WM94uAlu0=");
}
