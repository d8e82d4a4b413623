// xmpp.secret_file: the secret read from a file such as a Docker secret.
#include "config/load.hpp"
#include "tests/rig/temp_dir.hpp"
#include "tests/unit/config/config_test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>

namespace gw::config {
namespace {

using test::error_text;

// A secret file in a fresh temporary directory, removed afterwards.
class TempFile {
public:
    explicit TempFile(const std::string& content) { std::ofstream(path_, std::ios::binary) << content; }
    const std::string& path() const { return path_; }
    const std::string& directory() const { return directory_.path(); }

private:
    rig::TempDir directory_{"gw-config"};
    std::string path_ = directory_.file("secret");
};

std::string toml_with_secret_file(const std::string& path) {
    return "[xmpp]\ncomponent = \"sip.example.org\"\nsecret_file = \"" + path + "\"\n";
}

TEST_CASE("the secret is read from secret_file, without the trailing newline") {
    const TempFile file("top secret\r\n\n");
    const LoadResult result = parse_settings(toml_with_secret_file(file.path()), "gw.toml", {});
    INFO(error_text(result));
    REQUIRE(result.settings.has_value());
    CHECK(result.settings->xmpp.secret == "top secret");
}

TEST_CASE("GATEWAY_XMPP_SECRET_FILE works like the key") {
    const TempFile file("from-env");
    const LoadResult result = parse_settings("[xmpp]\ncomponent = \"sip.example.org\"\n", "gw.toml",
                                             {{"GATEWAY_XMPP_SECRET_FILE", file.path()}});
    INFO(error_text(result));
    REQUIRE(result.settings.has_value());
    CHECK(result.settings->xmpp.secret == "from-env");
}

TEST_CASE("an unreadable or empty secret file is an error at the secret_file key") {
    const TempFile empty("\n");
    CHECK(test::errors_of(toml_with_secret_file(empty.path())) ==
          "gw.toml:3:1: xmpp.secret_file: the secret file \"" + empty.path() + "\" is empty");

    const std::string missing = empty.directory() + "/absent";
    CHECK(test::errors_of(toml_with_secret_file(missing)) ==
          "gw.toml:3:1: xmpp.secret_file: cannot read the secret file \"" + missing +
              "\": No such file or directory");

    CHECK(test::errors_of(toml_with_secret_file(empty.directory())) ==
          "gw.toml:3:1: xmpp.secret_file: cannot read the secret file \"" + empty.directory() + "\": is a directory");

    CHECK(test::errors_of("[xmpp]\ncomponent = \"sip.example.org\"\n",
                          {{"GATEWAY_XMPP_SECRET_FILE", missing}}) ==
          "environment: GATEWAY_XMPP_SECRET_FILE: cannot read the secret file \"" + missing +
              "\": No such file or directory");
}

TEST_CASE("the secret's text never appears in an error") {
    const TempFile file(std::string("abc\0def", 7));
    const std::string errors = test::errors_of(toml_with_secret_file(file.path()));
    CHECK(errors == "gw.toml:3:1: xmpp.secret_file: the secret file \"" + file.path() + "\" contains a NUL character");
    CHECK(errors.find("abc") == std::string::npos);
}

}  // namespace
}  // namespace gw::config
