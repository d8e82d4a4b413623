// JID helpers (RFC 7622): split and compare, nothing more.
#pragma once

#include <string>
#include <string_view>

namespace gw {

// "user@domain/resource" -> "user@domain"; the domain part is lower-cased (localparts are
// compared as given: full PRECIS normalisation is the XMPP server's job).
std::string bare_jid(std::string_view jid);
std::string_view jid_domain(std::string_view jid);
std::string_view jid_resource(std::string_view jid);

}  // namespace gw
