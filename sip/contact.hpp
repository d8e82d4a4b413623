// The Contact the user agent puts in its requests and answers. Given explicitly, because Sofia's
// own choice walks its list of registrations (linearly) on every request: with 50,000 users that
// walk was two thirds of the gateway's CPU time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gw::sip {

struct ContactAddress {
    std::string host;  // the advertised (public) address, IPv6 without brackets
    std::uint16_t port = 5060;
};

// "<sip:user@host:port>" with ";transport=tcp" (or tls) when `next_hop` (the proxy or registrar
// URI the request goes to, or "SIP/2.0/TCP" of a received Via) names that transport.
std::string contact_header(const ContactAddress& address, std::string_view user, std::string_view next_hop);

}  // namespace gw::sip
