#include "gateway/presence_tracker.hpp"

#include "gateway/jid.hpp"

namespace gw {

PresenceChange PresenceTracker::available(std::string_view full_jid, ResourceInfo info) {
    auto [entry, inserted] = online_.try_emplace(bare_jid(full_jid));
    entry->second.insert_or_assign(std::string(jid_resource(full_jid)), std::move(info));
    return inserted ? PresenceChange::first_online : PresenceChange::none;
}

PresenceChange PresenceTracker::unavailable(std::string_view full_jid) {
    auto entry = online_.find(bare_jid(full_jid));
    if (entry == online_.end()) return PresenceChange::none;
    entry->second.erase(std::string(jid_resource(full_jid)));
    if (!entry->second.empty()) return PresenceChange::none;
    online_.erase(entry);
    return PresenceChange::last_offline;
}

std::vector<std::string> PresenceTracker::clear() {
    std::vector<std::string> users;
    users.reserve(online_.size());
    for (const auto& [user, resources] : online_) users.push_back(user);
    online_.clear();
    return users;
}

bool PresenceTracker::online(std::string_view bare) const {
    return online_.find(std::string(bare)) != online_.end();
}

bool PresenceTracker::online_resource(std::string_view full_jid) const {
    auto entry = online_.find(bare_jid(full_jid));
    return entry != online_.end() && entry->second.count(std::string(jid_resource(full_jid))) != 0;
}

std::vector<OnlineResource> PresenceTracker::resources(std::string_view bare) const {
    auto entry = online_.find(std::string(bare));
    if (entry == online_.end()) return {};
    std::vector<OnlineResource> result;
    for (const auto& [resource, info] : entry->second)
        result.push_back({resource.empty() ? entry->first : entry->first + "/" + resource, info});
    return result;
}

}  // namespace gw
