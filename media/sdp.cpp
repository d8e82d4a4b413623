#include "media/sdp.hpp"

#include <utility>

namespace gw::media {

namespace {

const SdpAttribute* find_in(const std::vector<SdpAttribute>& attributes, std::string_view name) {
    for (const auto& a : attributes)
        if (a.name == name) return &a;
    return nullptr;
}

}  // namespace

const SdpAttribute* SdpMedia::find(std::string_view attribute) const { return find_in(attributes, attribute); }

void SdpMedia::add(std::string attribute, std::optional<std::string> value) {
    attributes.push_back({std::move(attribute), std::move(value), 0});
}

bool SdpMedia::operator==(const SdpMedia& other) const {
    // The source line number is bookkeeping, not content.
    return media == other.media && port == other.port && port_count == other.port_count &&
           proto == other.proto && formats == other.formats && title == other.title &&
           connections == other.connections && bandwidths == other.bandwidths && key == other.key &&
           attributes == other.attributes;
}

const SdpAttribute* SdpSession::find(std::string_view attribute) const { return find_in(attributes, attribute); }

void SdpSession::add(std::string attribute, std::optional<std::string> value) {
    attributes.push_back({std::move(attribute), std::move(value), 0});
}

}  // namespace gw::media
