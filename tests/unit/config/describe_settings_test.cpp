// The start-up log line shows every setting but no secret.
#include "config/load.hpp"
#include "tests/unit/config/config_test_support.hpp"

#include <doctest/doctest.h>

namespace gw::config {
namespace {

TEST_CASE("describe_settings lists the settings and hides the secret") {
    const LoadResult result = parse_settings(test::minimal_toml, "gw.toml", {});
    REQUIRE(result.settings.has_value());
    CHECK(describe_settings(*result.settings) ==
          "config=gw.toml xmpp.component=sip.example.org xmpp.secret=(set) xmpp.host=127.0.0.1 xmpp.port=5347 "
          "xmpp.allowed_domains=(any) xmpp.reconnect=1s..60s sip.listen=127.0.0.1:5060 sip.public_address=(none) "
          "sip.default_domain=(none) sip.default_proxy=(none) sip.user_agent=xmpp-sip-gateway store.backend=sqlite "
          "store.path=/var/lib/xmpp-sip-gateway/accounts.db http.listen=127.0.0.1:8480 log.level=info");
}

TEST_CASE("a PostgreSQL connection string is shown only as set or empty") {
    Settings settings;
    settings.xmpp.secret = "hunter2";
    settings.store.backend = StoreBackend::postgresql;
    settings.store.conninfo = "host=db user=gw password=hunter2";
    settings.sip.user_agent = "Example Gateway";
    settings.xmpp.allowed_domains = {"a.org", "b.org"};
    settings.http.listen.clear();
    settings.log.level = LogLevel::warn;
    const std::string line = describe_settings(settings);
    CHECK(line.find("hunter2") == std::string::npos);
    CHECK(line.find("store.backend=postgresql store.conninfo=(set)") != std::string::npos);
    CHECK(line.find("sip.user_agent=\"Example Gateway\"") != std::string::npos);
    CHECK(line.find("xmpp.allowed_domains=a.org,b.org") != std::string::npos);
    CHECK(line.find("http.listen=(disabled)") != std::string::npos);
    CHECK(line.find("log.level=warn") != std::string::npos);

    settings.xmpp.secret.clear();
    settings.store.conninfo.clear();
    const std::string empty = describe_settings(settings);
    CHECK(empty.find("xmpp.secret=(empty)") != std::string::npos);
    CHECK(empty.find("store.conninfo=(empty)") != std::string::npos);
}

}  // namespace
}  // namespace gw::config
