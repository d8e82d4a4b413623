#include "sip/contact.hpp"

#include <algorithm>
#include <cctype>

namespace gw::sip {
namespace {

bool contains_ci(std::string_view haystack, std::string_view needle) {
    auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != haystack.end();
}

}  // namespace

std::string contact_header(const ContactAddress& address, std::string_view user, std::string_view next_hop) {
    const bool v6 = address.host.find(':') != std::string::npos;
    std::string uri = "<sip:";
    if (!user.empty()) uri += std::string(user) + "@";
    uri += v6 ? "[" + address.host + "]" : address.host;
    uri += ":" + std::to_string(address.port);
    if (contains_ci(next_hop, "transport=tcp") || contains_ci(next_hop, "/tcp")) uri += ";transport=tcp";
    else if (contains_ci(next_hop, "transport=tls") || contains_ci(next_hop, "/tls")) uri += ";transport=tls";
    return uri + ">";
}

}  // namespace gw::sip
