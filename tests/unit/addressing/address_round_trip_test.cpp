// The mapping between SIP addresses and contact localparts loses nothing: a SIP address comes
// back unchanged, every localpart settles on a canonical one that maps to itself, and what
// cannot be represented is refused. Tables, byte sweeps and generated addresses.
#include "gateway/addressing.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view own_domain = "sip.example.net";

bool is_sip_user_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("-_.!~*'()&=+$,;?/").find(c) != std::string_view::npos;
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

// What a localpart may hold besides XEP-0106 escapes: no control and none of the ten characters
// of XEP-0106 except the backslash.
bool is_clean_localpart(std::string_view localpart) {
    for (unsigned char c : localpart)
        if (is_control(c) || std::string_view(" \"&'/:<>@").find(static_cast<char>(c)) != std::string_view::npos)
            return false;
    return !localpart.empty() && localpart.size() <= 1023;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decoded(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
            hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string hex_escape(unsigned char c) {
    constexpr std::string_view digits = "0123456789ABCDEF";
    return std::string("%") + digits[c >> 4] + digits[c & 0xf];
}

// sip -> localpart -> sip must give the URI back; returns the localpart, or the error.
std::optional<std::string> sip_round_trip(const std::string& uri, std::string& error) {
    const auto contact = gw::localpart_from_sip_uri(uri, own_domain);
    if (!contact.localpart) {
        error = contact.error;
        return std::nullopt;
    }
    CHECK_MESSAGE(is_clean_localpart(*contact.localpart), *contact.localpart);
    const auto target = gw::sip_target_from_localpart(*contact.localpart, own_domain);
    REQUIRE_MESSAGE(target.target, target.error);
    CHECK(target.target->uri() == uri);
    return contact.localpart;
}

// localpart -> sip -> localpart settles on a canonical localpart that maps to the same target.
void check_settles(std::string_view localpart) {
    const auto first = gw::sip_target_from_localpart(localpart, own_domain);
    if (!first.target) return;
    const auto canonical = gw::localpart_from_sip_uri(first.target->uri(), own_domain);
    REQUIRE_MESSAGE(canonical.localpart, canonical.error);
    CHECK(is_clean_localpart(*canonical.localpart));
    const auto second = gw::sip_target_from_localpart(*canonical.localpart, own_domain);
    REQUIRE_MESSAGE(second.target, second.error);
    CHECK(second.target->uri() == first.target->uri());
    const auto again = gw::localpart_from_sip_uri(second.target->uri(), own_domain);
    REQUIRE(again.localpart);
    CHECK(*again.localpart == *canonical.localpart);
}

const std::string_view canonical_uris[] = {
    "sip:bob@example.com",
    "sip:Bob.Smith@example.com",
    "sip:bob@example.com:5070",
    "sip:bob@192.0.2.7",
    "sip:bob@192.0.2.7:5062",
    "sip:bob@[2001:db8::1]",
    "sip:bob@[2001:db8::1]:5070",
    "sip:bob@[::ffff:192.0.2.1]",
    "sip:bob@a",
    "sip:bob@xn--bcher-kva.example",
    "sip:o'neil@example.com",
    "sip:x&y@example.com",
    "sip:a/b@example.com",
    "sip:a;b=c@example.com",
    "sip:a;b=c;d@example.com",
    "sip:$,?+@example.com",
    "sip:-_.!~*'()@example.com",
    "sip:a%20b@example.com",
    "sip:a%40b@example.com",
    "sip:a%25b@example.com",
    "sip:a%5Cb@example.com",
    "sip:%5C20@example.com",
    "sip:%61lice@example.com",
    "sip:j%C3%B6rg@example.com",
    "sip:j%c3%b6rg@example.com",
    "sip:%22q%22@example.com",
    "sip:%3Cb%3E@example.com",
    "sip:%3A%3A@example.com",
    "sip:+4930123456@example.com",
    "sip:+4930123456;isub=12@example.com",
    "sip:*97@example.com",
    "sip:100@example.com",
    "sip:%2B1555@example.com",
    "sip:alice@sip.example.net",
    "sip:100@sip.example.net:5070",
    "sip:+15551234567@sip.example.net;user=phone",
    "sip:5551234@sip.example.net;user=phone",
    "sip:0@sip.example.net;user=phone",
    "sip:+1-555@example.com",
    "sip:(555)@example.com",
    "sip:a.b.c@d.e.f",
    "sip:x@example.com:1",
    "sip:x@example.com:65535",
};

}  // namespace

TEST_CASE("SIP addresses survive the trip to a contact and back") {
    std::vector<std::string> localparts;
    for (const auto uri : canonical_uris) {
        CAPTURE(uri);
        std::string error;
        const auto localpart = sip_round_trip(std::string(uri), error);
        REQUIRE_MESSAGE(localpart, error);
        localparts.push_back(*localpart);
        // A canonical localpart is a fixpoint.
        const auto target = gw::sip_target_from_localpart(*localpart, own_domain);
        REQUIRE(target.target);
        CHECK(*gw::localpart_from_sip_uri(target.target->uri(), own_domain).localpart == *localpart);
    }
    // Different addresses are different contacts.
    for (std::size_t i = 0; i < localparts.size(); ++i)
        for (std::size_t j = i + 1; j < localparts.size(); ++j) CHECK(localparts[i] != localparts[j]);
}

TEST_CASE("every byte in a SIP user part either survives the round trip or is refused") {
    for (int byte = 0; byte < 256; ++byte) {
        const auto c = static_cast<unsigned char>(byte);
        CAPTURE(byte);
        const std::string uri = std::string("sip:a") + static_cast<char>(c) + "z@example.com";
        if (c == ':') {  // starts a password, which is not part of the contact
            CHECK(gw::localpart_from_sip_uri(uri, own_domain).localpart == "a%example.com");
            continue;
        }
        std::string error;
        const auto localpart = sip_round_trip(uri, error);
        if (is_sip_user_char(static_cast<char>(c))) {
            CHECK_MESSAGE(localpart, error);
        } else {
            CHECK_FALSE(localpart);
            CHECK_FALSE(error.empty());
        }
    }
}

TEST_CASE("every escaped byte in a SIP user part survives unless it is a control character") {
    for (int byte = 0; byte < 256; ++byte) {
        const auto c = static_cast<unsigned char>(byte);
        CAPTURE(byte);
        const std::string upper_case = hex_escape(c);
        std::string lower_case = upper_case;
        for (char& d : lower_case) d = static_cast<char>(d >= 'A' && d <= 'F' ? d - 'A' + 'a' : d);
        for (const auto& written : {upper_case, lower_case}) {
            const std::string uri = "sip:a" + written + "z@example.com";
            std::string error;
            const auto localpart = sip_round_trip(uri, error);
            if (is_control(c)) {
                CHECK_FALSE(localpart);
                CHECK(error == "the SIP user " + gw::quoted_for_message("a" + written + "z") +
                                   " contains an escaped control character");
            } else {
                CHECK_MESSAGE(localpart, error);
            }
        }
    }
}

TEST_CASE("every byte in a contact's localpart reaches SIP intact or is refused") {
    for (int byte = 0; byte < 256; ++byte) {
        const auto c = static_cast<unsigned char>(byte);
        CAPTURE(byte);
        const std::string plain_user = std::string("a") + static_cast<char>(c) + "z";
        const std::string localpart = gw::xep0106_escape(plain_user) + "%example.com";
        const auto target = gw::sip_target_from_localpart(localpart, own_domain);
        if (is_control(c)) {
            CHECK(target.error == "the contact address contains a control character");
        } else if (c == '%') {
            CHECK(target.error ==
                  R"(the SIP user "a%z" has a '%' that does not start a %XX escape (write %25 for a literal %))");
        } else {
            REQUIRE_MESSAGE(target.target, target.error);
            CHECK(target.target->host == "example.com");
            CHECK(percent_decoded(target.target->user) == plain_user);
            CHECK(gw::sip_user_problem(target.target->user).empty());
            check_settles(localpart);
        }
    }
}

TEST_CASE("every pair of tricky characters in a user part round-trips both ways") {
    const std::string alphabet = "aZ9-_.!~*'()&=+$,;?/%\\\" :<>@[]#";
    for (char first : alphabet) {
        for (char second : alphabet) {
            const std::string user{first, second};
            CAPTURE(user);
            // As a localpart (XEP-0106 escaped): settles, and the characters reach SIP.
            const auto localpart = gw::xep0106_escape(user) + "%example.com";
            const auto target = gw::sip_target_from_localpart(localpart, own_domain);
            if (target.target) {
                CHECK(percent_decoded(target.target->user) == user);
                check_settles(localpart);
            } else {
                CHECK(user.find('%') != std::string::npos);  // only a stray '%' is refused
            }
            // As a SIP user part: valid ones come back unchanged.
            if (gw::sip_user_problem(user).empty()) {
                std::string error;
                CHECK_MESSAGE(sip_round_trip("sip:" + user + "@example.com", error), error);
            }
        }
    }
}

TEST_CASE("generated SIP addresses round-trip") {
    std::mt19937 random(20240607);  // fixed seed: a failure is reproducible
    const std::string user_chars = "abcXYZ019-_.!~*'()&=+$,;?/";
    const std::vector<std::string> hosts = {"example.com", "a.b-c.example", "192.0.2.55", "[2001:db8::7]",
                                            "[::1]", "x1"};
    for (int round = 0; round < 3000; ++round) {
        std::string user;
        const auto length = 1 + random() % 24;
        for (unsigned i = 0; i < length; ++i) {
            if (random() % 5 == 0) {
                user += hex_escape(static_cast<unsigned char>(0x20 + random() % 0x5f));  // printable
            } else if (random() % 7 == 0) {
                user += hex_escape(static_cast<unsigned char>(0x80 + random() % 0x80));
            } else {
                user += user_chars[random() % user_chars.size()];
            }
        }
        std::string uri = "sip:" + user + "@" + hosts[random() % hosts.size()];
        if (random() % 3 == 0) uri += ":" + std::to_string(1 + random() % 65535);
        CAPTURE(uri);
        std::string error;
        const auto localpart = sip_round_trip(uri, error);
        REQUIRE_MESSAGE(localpart, error);
        check_settles(*localpart);
    }
}

TEST_CASE("numbers round-trip through the user's domain") {
    for (std::string_view number : {"+15551234567", "5551234", "0", "+0", "+491701234567890123"}) {
        CAPTURE(number);
        const auto target = gw::sip_target_from_localpart(number, own_domain);
        REQUIRE(target.target);
        const auto back = gw::localpart_from_sip_uri(target.target->uri(), own_domain);
        REQUIRE(back.localpart);
        CHECK(*back.localpart == number);
        const auto tel = gw::localpart_from_sip_uri("tel:" + std::string(number), "");
        REQUIRE(tel.localpart);
        CHECK(*tel.localpart == number);
    }
}
