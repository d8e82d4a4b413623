// Which resources of each user are online, from the presence the XMPP server sends the gateway.
// Only the first resource coming online and the last one leaving matter to SIP registration.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace gw {

enum class PresenceChange { none, first_online, last_offline };

class PresenceTracker {
public:
    // `full_jid` as in the stanza's from (a bare JID counts as one resource, "").
    PresenceChange available(std::string_view full_jid);
    PresenceChange unavailable(std::string_view full_jid);
    // Forgets everyone (the component link is gone); returns the users that were online.
    std::vector<std::string> clear();
    bool online(std::string_view bare_jid) const;
    std::vector<std::string> resources(std::string_view bare_jid) const;
    std::size_t online_users() const { return online_.size(); }

private:
    std::unordered_map<std::string, std::unordered_set<std::string>> online_;
};

}  // namespace gw
