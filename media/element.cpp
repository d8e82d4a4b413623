#include "media/element.hpp"

#include <utility>

namespace gw::media {

Element::Element(std::string element_name, std::string element_ns)
    : name(std::move(element_name)), ns(std::move(element_ns)) {}

const std::string* Element::attribute(std::string_view key) const {
    for (const auto& a : attributes)
        if (a.name == key) return &a.value;
    return nullptr;
}

std::string_view Element::attribute_or(std::string_view key, std::string_view fallback) const {
    const std::string* value = attribute(key);
    return value ? std::string_view(*value) : fallback;
}

Element& Element::set_attribute(std::string_view key, std::string value) {
    for (auto& a : attributes) {
        if (a.name == key) {
            a.value = std::move(value);
            return *this;
        }
    }
    attributes.push_back({std::string(key), std::move(value)});
    return *this;
}

Element& Element::add_attribute(std::string key, std::string value) {
    attributes.push_back({std::move(key), std::move(value)});
    return *this;
}

Element& Element::add_child(Element child) {
    children.push_back(std::move(child));
    return children.back();
}

Element& Element::add_child(std::string child_name, std::string child_ns) {
    return add_child(Element(std::move(child_name), std::move(child_ns)));
}

const Element* Element::child(std::string_view child_name, std::string_view child_ns) const {
    for (const auto& c : children)
        if (c.name == child_name && c.ns == child_ns) return &c;
    return nullptr;
}

}  // namespace gw::media
