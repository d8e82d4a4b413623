// XEP-0115 entity capabilities: the verification string of a disco#info answer, so clients learn
// a contact's features (and show the call button) from its presence without asking each time.
#pragma once

#include "gateway/service_discovery.hpp"

#include <string>

namespace gw {

// base64(sha-1(S)) where S lists identities then features, each sorted (XEP-0115 section 5.1).
std::string caps_verification(const DiscoInfo& info);

}  // namespace gw
