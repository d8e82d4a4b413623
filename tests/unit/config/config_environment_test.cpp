// GATEWAY_<SECTION>_<KEY> variables override the file; their errors name the variable.
#include "config/load.hpp"
#include "tests/unit/config/config_test_support.hpp"

#include <doctest/doctest.h>

#include <array>

namespace gw::config {
namespace {

using test::error_text;
using test::errors_of;
using test::minimal_toml;

Settings loaded(std::string_view toml, const Environment& env) {
    const LoadResult result = parse_settings(toml, "gw.toml", env);
    INFO(error_text(result));
    REQUIRE(result.settings.has_value());
    return *result.settings;
}

TEST_CASE("environment variables override the file, key by key") {
    const std::string toml = minimal_toml +
                             "port = 5347\n"
                             "[log]\n"
                             "level = \"warn\"\n";
    const Settings s = loaded(toml, {
                                        {"GATEWAY_XMPP_PORT", "5348"},
                                        {"GATEWAY_XMPP_HOST", "::1"},
                                        {"GATEWAY_XMPP_ALLOWED_DOMAINS", "example.org, Example.NET,,"},
                                        {"GATEWAY_XMPP_RECONNECT_INITIAL_S", "0.25"},
                                        {"GATEWAY_XMPP_RECONNECT_MAX_S", "30"},
                                        {"GATEWAY_SIP_LISTEN", "[::1]:5070"},
                                        {"GATEWAY_SIP_PUBLIC_ADDRESS", "203.0.113.5:5070"},
                                        {"GATEWAY_SIP_DEFAULT_DOMAIN", "SIP.Example.ORG"},
                                        {"GATEWAY_SIP_DEFAULT_PROXY", "proxy.example.org"},
                                        {"GATEWAY_SIP_USER_AGENT", "gw test"},
                                        {"GATEWAY_STORE_BACKEND", "postgresql"},
                                        {"GATEWAY_STORE_CONNINFO", "host=db dbname=gw password=pw"},
                                        {"GATEWAY_STORE_PATH", "/tmp/gw.db"},
                                        {"GATEWAY_HTTP_LISTEN", ""},
                                        {"GATEWAY_LOG_LEVEL", "debug"},
                                    });
    CHECK(s.xmpp.port == 5348);
    CHECK(s.xmpp.host == "::1");
    CHECK(s.xmpp.allowed_domains == std::vector<std::string>{"example.org", "example.net"});
    CHECK(s.xmpp.reconnect_initial_s == doctest::Approx(0.25));
    CHECK(s.xmpp.reconnect_max_s == doctest::Approx(30.0));
    CHECK(s.sip.listen == "[::1]:5070");
    CHECK(s.sip.public_address == "203.0.113.5:5070");
    CHECK(s.sip.default_domain == "sip.example.org");
    CHECK(s.sip.default_proxy == "proxy.example.org");
    CHECK(s.sip.user_agent == "gw test");
    CHECK(s.store.backend == StoreBackend::postgresql);
    CHECK(s.store.conninfo == "host=db dbname=gw password=pw");
    CHECK(s.store.path == "/tmp/gw.db");
    CHECK(s.http.listen.empty());
    CHECK(s.log.level == LogLevel::debug);
    CHECK(s.xmpp.component == "sip.example.org");
}

TEST_CASE("the required settings can come from the environment alone") {
    const Settings s = loaded("", {{"GATEWAY_XMPP_COMPONENT", "GW.example.org"}, {"GATEWAY_XMPP_SECRET", "s3cret"}});
    CHECK(s.xmpp.component == "gw.example.org");
    CHECK(s.xmpp.secret == "s3cret");
}

TEST_CASE("environment errors name the variable and come after the file's errors") {
    struct Case {
        const char* variable;
        const char* value;
        const char* expected;
    };
    const std::array<Case, 9> cases{{
        {"GATEWAY_XMPP_PORT", "abc", "environment: GATEWAY_XMPP_PORT: expected an integer from 1 to 65535, got \"abc\""},
        {"GATEWAY_XMPP_PORT", "5347 ", "environment: GATEWAY_XMPP_PORT: expected an integer from 1 to 65535, got \"5347 \""},
        {"GATEWAY_XMPP_PORT", "99999", "environment: GATEWAY_XMPP_PORT: expected an integer from 1 to 65535, got \"99999\""},
        {"GATEWAY_XMPP_RECONNECT_MAX_S", "nan",
         "environment: GATEWAY_XMPP_RECONNECT_MAX_S: expected a number of seconds greater than 0 and at most 86400, "
         "got \"nan\""},
        {"GATEWAY_XMPP_ALLOWED_DOMAINS", "a.org,b_c.org",
         "environment: GATEWAY_XMPP_ALLOWED_DOMAINS: entry 2: expected a domain name, got \"b_c.org\" (invalid "
         "character \"_\")"},
        {"GATEWAY_LOG_LEVEL", "chatty",
         "environment: GATEWAY_LOG_LEVEL: expected one of trace, debug, info, warn, error, got \"chatty\""},
        {"GATEWAY_SIP_LISTEN", "0.0.0.0",
         "environment: GATEWAY_SIP_LISTEN: expected host:port (IPv6 as [::1]:5060), got \"0.0.0.0\" (missing :port)"},
        {"GATEWAY_XMPP_PROT", "1",
         "environment: GATEWAY_XMPP_PROT: unknown variable (the [xmpp] variables are GATEWAY_XMPP_COMPONENT, "
         "GATEWAY_XMPP_SECRET, GATEWAY_XMPP_SECRET_FILE, GATEWAY_XMPP_HOST, GATEWAY_XMPP_PORT, "
         "GATEWAY_XMPP_ALLOWED_DOMAINS, GATEWAY_XMPP_RECONNECT_INITIAL_S, GATEWAY_XMPP_RECONNECT_MAX_S, GATEWAY_XMPP_LINK_GRACE_S)"},
        {"GATEWAY_STORE_BACKEND", "postgresql",
         "environment: store.conninfo: required when store.backend is \"postgresql\" (set it in [store] or with "
         "GATEWAY_STORE_CONNINFO)"},
    }};
    for (const Case& c : cases) {
        CAPTURE(c.variable);
        CHECK(errors_of(minimal_toml, {{c.variable, c.value}}) == c.expected);
    }

    CHECK(errors_of(minimal_toml + "port = 0\n", {{"GATEWAY_LOG_LEVEL", "x"}}) ==
          "gw.toml:4:1: xmpp.port: expected an integer from 1 to 65535, got 0\n"
          "environment: GATEWAY_LOG_LEVEL: expected one of trace, debug, info, warn, error, got \"x\"");
}

TEST_CASE("environment errors are still reported after a syntax error in the file") {
    CHECK(errors_of("[xmpp\n", {{"GATEWAY_XMPP_PORT", "x"}}) ==
          "gw.toml:1:6: syntax error: Error while parsing table header: expected ']', saw '\\n'\n"
          "environment: GATEWAY_XMPP_PORT: expected an integer from 1 to 65535, got \"x\"");
}

TEST_CASE("GATEWAY_ variables outside the settings' sections are not ours and are ignored") {
    CHECK(errors_of(minimal_toml, {{"GATEWAY_BINARY", "/usr/bin/gw"}, {"GATEWAY", "x"}, {"HOME", "/root"}}).empty());
}

TEST_CASE("the secret comes from exactly one place, environment included") {
    CHECK(errors_of(minimal_toml, {{"GATEWAY_XMPP_SECRET", "other"}}) ==
          "environment: GATEWAY_XMPP_SECRET: the component secret is given more than once (xmpp.secret at "
          "gw.toml:3 and GATEWAY_XMPP_SECRET); keep exactly one of xmpp.secret, xmpp.secret_file, "
          "GATEWAY_XMPP_SECRET or GATEWAY_XMPP_SECRET_FILE");
    CHECK(errors_of("[xmpp]\ncomponent = \"gw.example.org\"\n",
                    {{"GATEWAY_XMPP_SECRET", "a"}, {"GATEWAY_XMPP_SECRET_FILE", "/run/secrets/gw"}}) ==
          "environment: GATEWAY_XMPP_SECRET_FILE: the component secret is given more than once "
          "(GATEWAY_XMPP_SECRET and GATEWAY_XMPP_SECRET_FILE); keep exactly one of xmpp.secret, xmpp.secret_file, "
          "GATEWAY_XMPP_SECRET or GATEWAY_XMPP_SECRET_FILE");
}

TEST_CASE("environment_from keeps only the GATEWAY_ variables") {
    std::array<char*, 6> envp{};
    std::string home = "HOME=/root";
    std::string port = "GATEWAY_XMPP_PORT=5348";
    std::string with_equals = "GATEWAY_STORE_CONNINFO=host=db dbname=gw";
    std::string no_equals = "GATEWAY_BROKEN";
    std::string empty = "GATEWAY_HTTP_LISTEN=";
    envp = {home.data(), port.data(), with_equals.data(), no_equals.data(), empty.data(), nullptr};
    const Environment env = environment_from(envp.data());
    CHECK(env == Environment{{"GATEWAY_XMPP_PORT", "5348"},
                             {"GATEWAY_STORE_CONNINFO", "host=db dbname=gw"},
                             {"GATEWAY_HTTP_LISTEN", ""}});
    CHECK(environment_from(nullptr).empty());
}

}  // namespace
}  // namespace gw::config
