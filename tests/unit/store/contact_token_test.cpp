// Contact tokens: unguessable, and safe in a SIP user part and a URL.
#include "gateway/store/account_store.hpp"

#include <doctest/doctest.h>

#include <array>
#include <set>

namespace gw::store {
namespace {

TEST_CASE("contact tokens are 128 random bits as 32 lower-case hex digits") {
    std::set<std::string> seen;
    std::array<int, 16> digit_counts{};
    for (int i = 0; i < 1000; ++i) {
        const std::string token = new_contact_token();
        REQUIRE(token.size() == 32);
        for (const char c : token) {
            const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            REQUIRE(hex);
            ++digit_counts[static_cast<std::size_t>(c <= '9' ? c - '0' : c - 'a' + 10)];
        }
        seen.insert(token);
    }
    CHECK(seen.size() == 1000);
    // 32000 digits: each of the 16 values is expected 2000 times; a stuck or biased source is not.
    for (const int count : digit_counts) {
        CHECK(count > 1700);
        CHECK(count < 2300);
    }
}

}  // namespace
}  // namespace gw::store
