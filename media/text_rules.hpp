#pragma once
// Character classes and small parsers shared by the SDP and Jingle code. The check_* functions
// throw MediaError with a message naming `what`; the is_* functions only answer.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::media {

// RFC 4566 token characters (SDP attribute names, payload names, bandwidth types ...).
bool is_token(std::string_view text);
// RFC 8839 ice-char: ALPHA / DIGIT / "+" / "/" (foundations, ufrag, pwd).
bool is_ice_chars(std::string_view text);
bool is_digits(std::string_view text);
// IPv4, IPv6 or a host name (browsers use "<uuid>.local" host candidates).
bool is_address(std::string_view text);
bool is_ipv4(std::string_view text);
bool is_ipv6(std::string_view text);
bool is_ip_address(std::string_view text);
bool is_valid_utf8(std::string_view text);
// Printable: valid UTF-8 without C0 controls (TAB included) or DEL. This is what may be copied
// into an SDP line or an XML attribute.
bool is_printable(std::string_view text);

// Throws unless the value is printable (rejects CR, LF, NUL and the rest) and, if it goes
// into a whitespace-separated SDP field, contains no space.
void check_printable(std::string_view what, std::string_view value);
void check_word(std::string_view what, std::string_view value);

std::optional<std::uint64_t> parse_uint(std::string_view text, std::uint64_t max);
// Throws "<what> 'x' is not a number in 0..max".
std::uint64_t require_uint(std::string_view what, std::string_view text, std::uint64_t max);

std::string_view trim(std::string_view text);
// Splits on runs of spaces (SDP fields); empty pieces are dropped.
std::vector<std::string_view> split_words(std::string_view text);

// The same without allocating, for the per-attribute parsers: at most 64 fields (more is an
// error, "more than 64 fields"; no SDP attribute the translation reads comes close).
class Words {
public:
    explicit Words(std::string_view text);
    std::size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }
    std::string_view operator[](std::size_t i) const { return {items_[i].data, items_[i].size}; }

private:
    // Plain pieces, left uninitialised beyond count_: a parser runs this for every attribute.
    struct Piece {
        const char* data;
        std::size_t size;
    };
    static constexpr std::size_t kCapacity = 64;
    std::array<Piece, kCapacity> items_;
    std::size_t count_ = 0;
};

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view text);

}  // namespace gw::media
