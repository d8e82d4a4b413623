// Which resources of each user are online, from the presence the XMPP server sends the gateway,
// with what calls need of each: its priority and its entity capabilities (XEP-0115). Only the
// first resource coming online and the last one leaving matter to SIP registration.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gw {

enum class PresenceChange { none, first_online, last_offline };

struct ResourceInfo {
    int priority = 0;
    std::string caps;  // "node#ver" from the presence's <c/>, empty without caps
};

struct OnlineResource {
    std::string full_jid;
    ResourceInfo info;
};

class PresenceTracker {
public:
    // `full_jid` as in the stanza's from (a bare JID counts as one resource, ""). An available
    // presence of a resource already online updates its info.
    PresenceChange available(std::string_view full_jid, ResourceInfo info = {});
    PresenceChange unavailable(std::string_view full_jid);
    // Forgets everyone (the component link is gone); returns the users that were online.
    std::vector<std::string> clear();
    bool online(std::string_view bare_jid) const;
    bool online_resource(std::string_view full_jid) const;
    std::vector<OnlineResource> resources(std::string_view bare_jid) const;
    std::size_t online_users() const { return online_.size(); }

private:
    std::unordered_map<std::string, std::unordered_map<std::string, ResourceInfo>> online_;
};

}  // namespace gw
