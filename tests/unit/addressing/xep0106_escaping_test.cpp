// XEP-0106 JID escaping: the examples of the specification, and a sweep that shows the escaping
// is reversible for every short string over the characters that matter.
#include "gateway/addressing.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

struct EscapeRow {
    std::string_view plain;
    std::string_view escaped;
};

// XEP-0106 section 5 (transformation examples).
constexpr EscapeRow spec_examples[] = {
    {"space cadet", R"(space\20cadet)"},
    {R"(call me "ishmael")", R"(call\20me\20\22ishmael\22)"},
    {"at&t guy", R"(at\26t\20guy)"},
    {"d'artagnan", R"(d\27artagnan)"},
    {"/.fanboy", R"(\2f.fanboy)"},
    {"::foo::", R"(\3a\3afoo\3a\3a)"},
    {"<foo>", R"(\3cfoo\3e)"},
    {"user@host", R"(user\40host)"},
    {R"(c:\net)", R"(c\3a\net)"},
    {R"(c:\\net)", R"(c\3a\\net)"},
    {R"(c:\cool stuff)", R"(c\3a\cool\20stuff)"},
    {R"(c:\5commas)", R"(c\3a\5c5commas)"},
};

bool is_forbidden_in_localpart(char c) {
    return std::string_view(" \"&'/:<>@").find(c) != std::string_view::npos;
}

}  // namespace

TEST_CASE("the examples of XEP-0106 escape and unescape") {
    for (const auto& row : spec_examples) {
        CAPTURE(row.plain);
        CHECK(gw::xep0106_escape(row.plain) == row.escaped);
        CHECK(gw::xep0106_unescape(row.escaped) == row.plain);
    }
}

TEST_CASE("unescaping leaves everything but the ten escapes alone") {
    CHECK(gw::xep0106_unescape(R"(a\41b)") == R"(a\41b)");  // \41 is not one of the ten
    CHECK(gw::xep0106_unescape(R"(\)") == R"(\)");
    CHECK(gw::xep0106_unescape(R"(\4)") == R"(\4)");
    CHECK(gw::xep0106_unescape(R"(bob%example.com)") == "bob%example.com");
    CHECK(gw::xep0106_unescape(R"(\5c20)") == R"(\20)");  // left to right: \5c, then "20"
    // Servers case-fold localparts, so upper-case hex digits must read the same.
    CHECK(gw::xep0106_unescape(R"(a\2Fb\3A)") == "a/b:");
}

TEST_CASE("every byte escapes into something a localpart can hold and back") {
    for (int byte = 0; byte < 256; ++byte) {
        const std::string plain(1, static_cast<char>(byte));
        const auto escaped = gw::xep0106_escape(plain);
        CAPTURE(byte);
        CHECK(gw::xep0106_unescape(escaped) == plain);
        for (char c : escaped) CHECK_FALSE(is_forbidden_in_localpart(c));
    }
}

TEST_CASE("escaping is reversible for every string of up to four characters that could confuse it") {
    // Backslashes, hex digits of the escape codes in both cases, and characters that get escaped.
    const std::string alphabet = R"(\25cCfF3a4e0 @:x)";
    std::vector<std::string> level{""};
    std::size_t checked = 0;
    for (int length = 1; length <= 4; ++length) {
        std::vector<std::string> next;
        for (const auto& prefix : level)
            for (char c : alphabet) next.push_back(prefix + c);
        for (const auto& plain : next) {
            const auto escaped = gw::xep0106_escape(plain);
            if (gw::xep0106_unescape(escaped) != plain) FAIL_CHECK("not reversible: " << plain);
            for (char c : escaped)
                if (is_forbidden_in_localpart(c)) FAIL_CHECK("forbidden character left in: " << escaped);
            ++checked;
        }
        level = std::move(next);
    }
    CHECK(checked == 16 + 16 * 16 + 16 * 16 * 16 + 16 * 16 * 16 * 16);
}

TEST_CASE("text without special characters is left as it is") {
    CHECK(gw::xep0106_escape("bob%example.com") == "bob%example.com");
    CHECK(gw::xep0106_escape("+15551234567") == "+15551234567");
    CHECK(gw::xep0106_escape(R"(a\b)") == R"(a\b)");  // a backslash not followed by an escape code
    CHECK(gw::xep0106_escape("") == "");
}
