#include "media/candidate_id.hpp"

#include <cstdint>

namespace gw::media {

namespace {

class Fnv1a {
public:
    Fnv1a& add(std::string_view text) {
        for (char c : text) {
            hash_ ^= static_cast<unsigned char>(c);
            hash_ *= 1099511628211ull;
        }
        hash_ ^= 0xFF;  // field separator, so "ab"+"c" differs from "a"+"bc"
        hash_ *= 1099511628211ull;
        return *this;
    }
    Fnv1a& add(std::uint64_t number) { return add(std::to_string(number)); }

    std::string hex() const {
        static constexpr char digits[] = "0123456789abcdef";
        std::string out(12, '0');
        std::uint64_t value = hash_;
        for (std::size_t i = 12; i-- > 0; value >>= 4) out[i] = digits[value & 0xF];
        return out;
    }

private:
    std::uint64_t hash_ = 14695981039346656037ull;
};

}  // namespace

std::string make_candidate_id(std::string_view content, const IceCandidate& c) {
    return Fnv1a()
        .add(content).add(c.foundation).add(c.component).add(c.protocol).add(c.priority)
        .add(c.ip).add(c.port).add(c.type).add(c.rel_addr.value_or("")).add(c.rel_port.value_or(0))
        .add(c.tcptype.value_or(""))
        .hex();
}

std::string make_candidate_id(std::string_view content, std::string_view ip, unsigned component,
                              unsigned port) {
    return Fnv1a().add(content).add("raw").add(ip).add(component).add(port).hex();
}

}  // namespace gw::media
