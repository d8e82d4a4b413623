#include "gateway/jid.hpp"

#include <algorithm>
#include <cctype>

namespace gw {
namespace {
std::string_view without_resource(std::string_view jid) { return jid.substr(0, jid.find('/')); }
}  // namespace

std::string_view jid_domain(std::string_view jid) {
    std::string_view bare = without_resource(jid);
    const auto at = bare.find('@');
    return at == std::string_view::npos ? bare : bare.substr(at + 1);
}

std::string_view jid_resource(std::string_view jid) {
    const auto slash = jid.find('/');
    return slash == std::string_view::npos ? std::string_view() : jid.substr(slash + 1);
}

std::string bare_jid(std::string_view jid) {
    std::string_view bare = without_resource(jid);
    const auto at = bare.find('@');
    std::string domain(jid_domain(jid));
    std::transform(domain.begin(), domain.end(), domain.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (at == std::string_view::npos) return domain;
    return std::string(bare.substr(0, at + 1)) + domain;
}

}  // namespace gw
