// Every kind of error in the file is reported with file:line:column, the key, and what was wrong.
#include "config/load.hpp"
#include "tests/unit/config/config_test_support.hpp"

#include <doctest/doctest.h>

#include <vector>

namespace gw::config {
namespace {

using test::errors_of;
using test::minimal_toml;

struct ErrorCase {
    std::string name;
    std::string toml;
    std::string expected;  // all errors, one per line
};

void check_cases(const std::vector<ErrorCase>& cases) {
    for (const ErrorCase& c : cases) {
        CAPTURE(c.name);
        const LoadResult result = parse_settings(c.toml, "gw.toml", {});
        CHECK_FALSE(result.settings.has_value());
        CHECK(test::error_text(result) == c.expected);
    }
}

TEST_CASE("syntax errors name the place and stop the file checks") {
    check_cases({
        {"unclosed table header", "[xmpp\ncomponent = \"a.org\"\n",
         "gw.toml:1:6: syntax error: Error while parsing table header: expected ']', saw '\\n'"},
        {"value missing", minimal_toml + "port =\n",
         "gw.toml:4:7: syntax error: Error while parsing key-value pair: expected value, saw '\\n'"},
        {"key given twice", minimal_toml + "port = 1\nport = 2\n",
         "gw.toml:5:8: syntax error: Error while parsing key-value pair: cannot redefine existing integer 'port'"},
    });
}

TEST_CASE("unknown sections and keys are errors, so typos do not pass silently") {
    check_cases({
        {"unknown section", minimal_toml + "[database]\npath = \"x\"\n",
         "gw.toml:4:1: database: unknown section (the sections are xmpp, sip, calls, store, http, log)"},
        {"unknown key", minimal_toml + "prot = 5347\n",
         "gw.toml:4:1: xmpp.prot: unknown key (the keys of [xmpp] are component, secret, secret_file, host, port, "
         "allowed_domains, reconnect_initial_s, reconnect_max_s, link_grace_s)"},
        {"sub-table of a section", minimal_toml + "[xmpp.tls]\nenabled = true\n",
         "gw.toml:4:7: xmpp.tls: unknown key (the keys of [xmpp] are component, secret, secret_file, host, port, "
         "allowed_domains, reconnect_initial_s, reconnect_max_s, link_grace_s)"},
        {"section given as a value", "log = 5\n" + minimal_toml,
         "gw.toml:1:1: log: expected a section [log], got 5"},
        {"unknown key in [store]", minimal_toml + "[store]\nfile = \"a.db\"\n",
         "gw.toml:5:1: store.file: unknown key (the keys of [store] are backend, path, conninfo)"},
    });
}

TEST_CASE("values of the wrong type or out of range") {
    check_cases({
        {"port as text", minimal_toml + "port = \"abc\"\n",
         "gw.toml:4:1: xmpp.port: expected an integer from 1 to 65535, got \"abc\""},
        {"port zero", minimal_toml + "port = 0\n",
         "gw.toml:4:1: xmpp.port: expected an integer from 1 to 65535, got 0"},
        {"port too large", minimal_toml + "port = 65536\n",
         "gw.toml:4:1: xmpp.port: expected an integer from 1 to 65535, got 65536"},
        {"port as a float", minimal_toml + "port = 5347.0\n",
         "gw.toml:4:1: xmpp.port: expected an integer from 1 to 65535, got 5347"},
        {"port as a date", minimal_toml + "port = 1979-05-27\n",
         "gw.toml:4:1: xmpp.port: expected an integer from 1 to 65535, got a date/time"},
        {"host as a number", minimal_toml + "host = 127\n",
         "gw.toml:4:1: xmpp.host: expected a string, got 127"},
        {"host with brackets", minimal_toml + "host = \"[::1]\"\n",
         "gw.toml:4:1: xmpp.host: expected an IP address or host name, got \"[::1]\" (no brackets here)"},
        {"empty secret", "[xmpp]\ncomponent = \"sip.example.org\"\nsecret = \"\"\n",
         "gw.toml:3:1: xmpp.secret: must not be empty"},
        {"secret with NUL", "[xmpp]\ncomponent = \"sip.example.org\"\nsecret = \"a\\u0000b\"\n",
         "gw.toml:3:1: xmpp.secret: expected text without NUL characters"},
        {"secret as a number is not repeated", "[xmpp]\ncomponent = \"sip.example.org\"\nsecret = 31415926\n",
         "gw.toml:3:1: xmpp.secret: expected a string, got an integer (not shown)"},
        {"conninfo as an array is not repeated", minimal_toml + "[store]\nconninfo = [\"password=x\"]\n",
         "gw.toml:5:1: store.conninfo: expected a string, got an array (not shown)"},
        {"component not a domain", "[xmpp]\ncomponent = \"sip_gw.example.org\"\nsecret = \"s\"\n",
         "gw.toml:2:1: xmpp.component: expected a domain name, got \"sip_gw.example.org\" (invalid character \"_\")"},
        {"component is an address", "[xmpp]\ncomponent = \"10.0.0.1\"\nsecret = \"s\"\n",
         "gw.toml:2:1: xmpp.component: expected a domain name, got \"10.0.0.1\" (the last label is all digits)"},
        {"allowed_domains not an array", minimal_toml + "allowed_domains = \"example.org\"\n",
         "gw.toml:4:1: xmpp.allowed_domains: expected an array of domain names, got \"example.org\""},
        {"allowed_domains bad entry", minimal_toml + "allowed_domains = [\"example.org\", \"exa mple.org\"]\n",
         "gw.toml:4:1: xmpp.allowed_domains: entry 2: expected a domain name, got \"exa mple.org\" (invalid "
         "character \" \")"},
        {"allowed_domains entry not text", minimal_toml + "allowed_domains = [\"example.org\", 7]\n",
         "gw.toml:4:1: xmpp.allowed_domains: entry 2: expected a string, got 7"},
        {"reconnect delay zero", minimal_toml + "reconnect_initial_s = 0\n",
         "gw.toml:4:1: xmpp.reconnect_initial_s: expected a number of seconds greater than 0 and at most 86400, got 0"},
        {"reconnect delay negative", minimal_toml + "reconnect_max_s = -1.5\n",
         "gw.toml:4:1: xmpp.reconnect_max_s: expected a number of seconds greater than 0 and at most 86400, got -1.5"},
        {"reconnect delay as text", minimal_toml + "reconnect_max_s = \"10\"\n",
         "gw.toml:4:1: xmpp.reconnect_max_s: expected a number of seconds greater than 0 and at most 86400, got \"10\""},
        {"reconnect delay infinite", minimal_toml + "reconnect_max_s = inf\n",
         "gw.toml:4:1: xmpp.reconnect_max_s: expected a number of seconds greater than 0 and at most 86400, got inf"},
        {"initial delay above max", minimal_toml + "reconnect_initial_s = 10\nreconnect_max_s = 5\n",
         "gw.toml:4:1: xmpp.reconnect_initial_s: must not be greater than xmpp.reconnect_max_s (5), got 10"},
        {"max delay below the default initial", minimal_toml + "reconnect_max_s = 0.5\n",
         "gw.toml:4:1: xmpp.reconnect_max_s: must not be less than xmpp.reconnect_initial_s (1), got 0.5"},
    });
}

TEST_CASE("addresses: listen needs host:port, IPv6 in brackets") {
    check_cases({
        {"listen without port", minimal_toml + "[sip]\nlisten = \"127.0.0.1\"\n",
         "gw.toml:5:1: sip.listen: expected host:port (IPv6 as [::1]:5060), got \"127.0.0.1\" (missing :port)"},
        {"listen IPv6 without brackets", minimal_toml + "[sip]\nlisten = \"::1:5060\"\n",
         "gw.toml:5:1: sip.listen: expected host:port (IPv6 as [::1]:5060), got \"::1:5060\" (an IPv6 address "
         "needs brackets)"},
        {"listen port out of range", minimal_toml + "[sip]\nlisten = \"[::1]:70000\"\n",
         "gw.toml:5:1: sip.listen: expected host:port (IPv6 as [::1]:5060), got \"[::1]:70000\" (the port must "
         "be a number from 1 to 65535)"},
        {"listen bad host", minimal_toml + "[sip]\nlisten = \"my host:5060\"\n",
         "gw.toml:5:1: sip.listen: expected host:port (IPv6 as [::1]:5060), got \"my host:5060\" (host: invalid "
         "character \" \")"},
        {"listen not an IPv6 in brackets", minimal_toml + "[sip]\nlisten = \"[example.org]:5060\"\n",
         "gw.toml:5:1: sip.listen: expected host:port (IPv6 as [::1]:5060), got \"[example.org]:5060\" (not an "
         "IPv6 address in brackets)"},
        {"public address with empty port", minimal_toml + "[sip]\npublic_address = \"gw.example.org:\"\n",
         "gw.toml:5:1: sip.public_address: expected host or host:port (IPv6 as [::1]:5060), got "
         "\"gw.example.org:\" (the port must be a number from 1 to 65535)"},
        {"default proxy with a scheme", minimal_toml + "[sip]\ndefault_proxy = \"sip:proxy.example.org\"\n",
         "gw.toml:5:1: sip.default_proxy: expected host or host:port (IPv6 as [::1]:5060), got "
         "\"sip:proxy.example.org\" (the port must be a number from 1 to 65535)"},
        {"user agent with a line break", minimal_toml + "[sip]\nuser_agent = \"gw\\r\\nX-Evil: 1\"\n",
         "gw.toml:5:1: sip.user_agent: expected printable text, got \"gw\\r\\nX-Evil: 1\" (contains a control "
         "character)"},
        {"default domain trailing dot", minimal_toml + "[sip]\ndefault_domain = \"example.org.\"\n",
         "gw.toml:5:1: sip.default_domain: expected a domain name, got \"example.org.\" (empty label)"},
        {"http listen without port", minimal_toml + "[http]\nlisten = \"localhost\"\n",
         "gw.toml:5:1: http.listen: expected host:port (IPv6 as [::1]:5060), got \"localhost\" (missing :port)"},
    });
}

TEST_CASE("store and log values") {
    check_cases({
        {"unknown backend", minimal_toml + "[store]\nbackend = \"mysql\"\n",
         "gw.toml:5:1: store.backend: expected \"sqlite\" or \"postgresql\", got \"mysql\""},
        {"postgresql without conninfo", minimal_toml + "[store]\nbackend = \"postgresql\"\n",
         "gw.toml:5:1: store.conninfo: required when store.backend is \"postgresql\" (set it in [store] or with "
         "GATEWAY_STORE_CONNINFO)"},
        {"empty sqlite path", minimal_toml + "[store]\npath = \"\"\n",
         "gw.toml:5:1: store.path: must not be empty"},
        {"unknown log level", minimal_toml + "[log]\nlevel = \"verbose\"\n",
         "gw.toml:5:1: log.level: expected one of trace, debug, info, warn, error, got \"verbose\""},
        {"log level upper-case", minimal_toml + "[log]\nlevel = \"INFO\"\n",
         "gw.toml:5:1: log.level: expected one of trace, debug, info, warn, error, got \"INFO\""},
    });
}

TEST_CASE("required settings: missing keys point at their section, or at the file") {
    check_cases({
        {"component missing", "# gateway\n\n[xmpp]\nsecret = \"s\"\n",
         "gw.toml:3:1: xmpp.component: required key is missing (set it in [xmpp] or with GATEWAY_XMPP_COMPONENT)"},
        {"no [xmpp] at all", "[log]\nlevel = \"debug\"\n",
         "gw.toml: xmpp.component: required key is missing (set it in [xmpp] or with GATEWAY_XMPP_COMPONENT)\n"
         "gw.toml: xmpp.secret: the component secret is missing (set exactly one of xmpp.secret, "
         "xmpp.secret_file, GATEWAY_XMPP_SECRET or GATEWAY_XMPP_SECRET_FILE)"},
        {"secret twice in the file", minimal_toml + "secret_file = \"/run/secrets/gw\"\n",
         "gw.toml:4:1: xmpp.secret_file: the component secret is given more than once (xmpp.secret at gw.toml:3 "
         "and xmpp.secret_file at gw.toml:4); keep exactly one of xmpp.secret, xmpp.secret_file, "
         "GATEWAY_XMPP_SECRET or GATEWAY_XMPP_SECRET_FILE"},
    });
}

TEST_CASE("all errors are collected, in the order of the file") {
    const std::string toml =
        "[log]\n"
        "level = \"loud\"\n"
        "[xmpp]\n"
        "port = 0\n"
        "component = \"bad domain\"\n"
        "secret = \"s\"\n"
        "[sip]\n"
        "listen = \"nowhere\"\n";
    CHECK(errors_of(toml) ==
          "gw.toml:2:1: log.level: expected one of trace, debug, info, warn, error, got \"loud\"\n"
          "gw.toml:4:1: xmpp.port: expected an integer from 1 to 65535, got 0\n"
          "gw.toml:5:1: xmpp.component: expected a domain name, got \"bad domain\" (invalid character \" \")\n"
          "gw.toml:8:1: sip.listen: expected host:port (IPv6 as [::1]:5060), got \"nowhere\" (missing :port)");
}

TEST_CASE("the error format: file:line:column: key: message, leaving out what is unknown") {
    CHECK(ConfigError{"gw.toml", 7, 1, "xmpp.port", "bad"}.to_string() == "gw.toml:7:1: xmpp.port: bad");
    CHECK(ConfigError{"gw.toml", 0, 0, "xmpp.port", "bad"}.to_string() == "gw.toml: xmpp.port: bad");
    CHECK(ConfigError{"gw.toml", 3, 5, "", "syntax error: x"}.to_string() == "gw.toml:3:5: syntax error: x");
    CHECK(ConfigError{"environment", 0, 0, "GATEWAY_LOG_LEVEL", "bad"}.to_string() ==
          "environment: GATEWAY_LOG_LEVEL: bad");
}

TEST_CASE("a file that cannot be read gives exactly one error naming it") {
    const LoadResult missing = load_settings_file("/nonexistent/gw.toml", {});
    CHECK_FALSE(missing.settings.has_value());
    CHECK(test::error_text(missing) ==
          "/nonexistent/gw.toml: cannot read the configuration file: No such file or directory");

    const LoadResult directory = load_settings_file("/tmp", {});
    CHECK(test::error_text(directory) == "/tmp: cannot read the configuration file: is a directory");

    const LoadResult endless = load_settings_file("/dev/zero", {});
    CHECK(test::error_text(endless) == "/dev/zero: cannot read the configuration file: larger than 1048576 bytes");
}

}  // namespace
}  // namespace gw::config
