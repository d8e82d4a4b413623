// Checks shared by the backends, so both accept and reject the same accounts.
#pragma once

#include "gateway/store/account.hpp"

#include <string>
#include <string_view>

namespace gw::store {

// The key form of a JID: ASCII letters lower-cased (the full PRECIS rules are the caller's job).
std::string normalized_jid(std::string_view jid);

// Throws StoreError naming the field when an account cannot be stored: missing jid, SIP user,
// domain or contact token, a full JID, an unknown transport, or control characters (the values
// end up in SIP headers). Messages never contain the password.
void check_account(const SipAccount& account);

}  // namespace gw::store
