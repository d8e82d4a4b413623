// What a minimal file gives: the documented defaults.
#include "config/load.hpp"
#include "tests/unit/config/config_test_support.hpp"

#include <doctest/doctest.h>

namespace gw::config {
namespace {

TEST_CASE("a file with only the required keys gets the documented defaults") {
    const LoadResult result = parse_settings(test::minimal_toml, "/etc/gw.toml", {});
    INFO(test::error_text(result));
    REQUIRE(result.settings.has_value());
    const Settings& s = *result.settings;
    CHECK(s.source_file == "/etc/gw.toml");
    CHECK(s.xmpp.component == "sip.example.org");
    CHECK(s.xmpp.secret == "s3cret");
    CHECK(s.xmpp.host == "127.0.0.1");
    CHECK(s.xmpp.port == 5347);
    CHECK(s.xmpp.allowed_domains.empty());
    CHECK(s.xmpp.reconnect_initial_s == doctest::Approx(1.0));
    CHECK(s.xmpp.reconnect_max_s == doctest::Approx(60.0));
    CHECK(s.sip.listen == "127.0.0.1:5060");
    CHECK(s.sip.public_address.empty());
    CHECK(s.sip.default_domain.empty());
    CHECK(s.sip.default_proxy.empty());
    CHECK(s.sip.user_agent == "xmpp-sip-gateway");
    CHECK(s.store.backend == StoreBackend::sqlite);
    CHECK(s.store.path == "/var/lib/xmpp-sip-gateway/accounts.db");
    CHECK(s.store.conninfo.empty());
    CHECK(s.http.listen == "127.0.0.1:8480");
    CHECK(s.log.level == LogLevel::info);
}

TEST_CASE("every value can be set in the file, and domains are kept lower-case") {
    const std::string toml =
        "[xmpp]\n"
        "component = \"SIP.Example.org\"\n"
        "secret = \"s3cret\"\n"
        "host = \"xmpp.internal\"\n"
        "port = 5275\n"
        "allowed_domains = [\"Example.org\", \"example.net\"]\n"
        "reconnect_initial_s = 2\n"
        "reconnect_max_s = 2.5\n"
        "[sip]\n"
        "listen = \"0.0.0.0:5080\"\n"
        "public_address = \"[2001:db8::1]:5080\"\n"
        "default_domain = \"sip.example.org\"\n"
        "default_proxy = \"[2001:db8::2]\"\n"
        "user_agent = \"Example Gateway 1.0\"\n"
        "[store]\n"
        "backend = \"postgresql\"\n"
        "conninfo = \"postgresql://gw@db/gw\"\n"
        "[http]\n"
        "listen = \"[::]:9100\"\n"
        "[log]\n"
        "level = \"trace\"\n";
    const LoadResult result = parse_settings(toml, "gw.toml", {});
    INFO(test::error_text(result));
    REQUIRE(result.settings.has_value());
    const Settings& s = *result.settings;
    CHECK(s.xmpp.component == "sip.example.org");
    CHECK(s.xmpp.host == "xmpp.internal");
    CHECK(s.xmpp.port == 5275);
    CHECK(s.xmpp.allowed_domains == std::vector<std::string>{"example.org", "example.net"});
    CHECK(s.xmpp.reconnect_initial_s == doctest::Approx(2.0));
    CHECK(s.xmpp.reconnect_max_s == doctest::Approx(2.5));
    CHECK(s.sip.listen == "0.0.0.0:5080");
    CHECK(s.sip.public_address == "[2001:db8::1]:5080");
    CHECK(s.sip.default_domain == "sip.example.org");
    CHECK(s.sip.default_proxy == "[2001:db8::2]");
    CHECK(s.sip.user_agent == "Example Gateway 1.0");
    CHECK(s.store.backend == StoreBackend::postgresql);
    CHECK(s.store.conninfo == "postgresql://gw@db/gw");
    CHECK(s.http.listen == "[::]:9100");
    CHECK(s.log.level == LogLevel::trace);
}

TEST_CASE("an empty http.listen disables the HTTP endpoints") {
    const LoadResult result = parse_settings(test::minimal_toml + "[http]\nlisten = \"\"\n", "gw.toml", {});
    REQUIRE(result.settings.has_value());
    CHECK(result.settings->http.listen.empty());
}

}  // namespace
}  // namespace gw::config
