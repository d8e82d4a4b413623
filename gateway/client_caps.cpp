#include "gateway/client_caps.hpp"

#include "gateway/entity_caps.hpp"
#include "gateway/service_discovery.hpp"

namespace gw {
namespace {

constexpr const char* kCaps = "http://jabber.org/protocol/caps";
constexpr const char* kData = "jabber:x:data";
constexpr std::size_t kMaxCaps = 10000;  // distinct client versions remembered

DiscoInfo disco_info_of(const xmpp::Stanza& query) {
    DiscoInfo info;
    for (const xmpp::Stanza& child : query.children()) {
        if (child.name() == "identity") {
            info.identities.push_back({std::string(child.attr("category")), std::string(child.attr("type")),
                                       std::string(child.attr("name")), std::string(child.attr("xml:lang"))});
        } else if (child.name() == "feature") {
            info.features.emplace_back(child.attr("var"));
        } else if (child.name() == "x" && child.ns() == kData && child.attr("type") == "result") {
            DiscoForm form;
            for (const xmpp::Stanza& field : child.children()) {
                if (field.name() != "field") continue;
                std::vector<std::string> values;
                for (const xmpp::Stanza& value : field.children())
                    if (value.name() == "value") values.push_back(value.text());
                if (field.attr("var") == "FORM_TYPE") form.form_type = values.empty() ? "" : values.front();
                else form.fields.emplace_back(std::string(field.attr("var")), std::move(values));
            }
            info.forms.push_back(std::move(form));
        }
    }
    return info;
}

ClientFeatures features_of(const DiscoInfo& info) {
    ClientFeatures f;
    bool rtp = false;
    for (const std::string& feature : info.features) {
        if (feature == "urn:xmpp:jingle:apps:rtp:audio") f.jingle_audio = true;
        if (feature == "urn:xmpp:jingle:apps:rtp:1") rtp = true;
        if (feature == "urn:xmpp:jingle-message:0") f.jmi = true;
    }
    f.jingle_audio = f.jingle_audio && rtp;
    f.jmi = f.jmi && f.jingle_audio;
    return f;
}

}  // namespace

const ClientFeatures* CapsCache::find(std::string_view caps) const {
    auto it = known_.find(std::string(caps));
    return it == known_.end() ? nullptr : &it->second;
}

bool CapsCache::should_query(std::string_view caps) {
    if (caps.empty() || find(caps) != nullptr) return false;
    if (known_.size() >= kMaxCaps) return false;
    return pending_.try_emplace(std::string(caps), true).second;
}

bool CapsCache::learn(std::string_view caps, const xmpp::Stanza& query) {
    pending_.erase(std::string(caps));
    const auto hash = caps.rfind('#');
    if (hash == std::string_view::npos) return false;
    const DiscoInfo info = disco_info_of(query);
    if (caps_verification(info) != caps.substr(hash + 1)) return false;
    if (known_.size() < kMaxCaps) known_.insert_or_assign(std::string(caps), features_of(info));
    return true;
}

void CapsCache::failed(std::string_view caps) { pending_.erase(std::string(caps)); }

std::string caps_of_presence(const xmpp::Stanza& presence) {
    auto c = presence.child("c", kCaps);
    if (!c || c->attr("hash") != "sha-1" || c->attr("node").empty() || c->attr("ver").empty()) return {};
    return std::string(c->attr("node")) + "#" + std::string(c->attr("ver"));
}

RingPlan plan_ringing(const std::vector<OnlineResource>& resources, const CapsCache& caps) {
    const OnlineResource* best_audio = nullptr;
    const OnlineResource* best_unknown = nullptr;
    bool any_jmi = false;
    for (const OnlineResource& r : resources) {
        if (r.info.priority < 0) continue;
        const ClientFeatures* f = r.info.caps.empty() ? nullptr : caps.find(r.info.caps);
        if (f == nullptr) {
            if (best_unknown == nullptr || r.info.priority > best_unknown->info.priority) best_unknown = &r;
            continue;
        }
        if (f->jmi) any_jmi = true;
        if (f->jingle_audio && (best_audio == nullptr || r.info.priority > best_audio->info.priority)) best_audio = &r;
    }
    if (any_jmi) return {RingPlan::Kind::propose, {}};
    if (best_audio != nullptr) return {RingPlan::Kind::initiate, best_audio->full_jid};
    if (best_unknown != nullptr) return {RingPlan::Kind::initiate, best_unknown->full_jid};
    return {};
}

}  // namespace gw
