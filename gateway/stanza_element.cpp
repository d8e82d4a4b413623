#include "gateway/stanza_element.hpp"

#include <string>

namespace gw {

media::Element to_element(const xmpp::Stanza& stanza, std::string_view parent_ns) {
    media::Element element;
    element.name = std::string(stanza.name());
    element.ns = std::string(stanza.ns().empty() ? parent_ns : stanza.ns());
    for (const auto& [name, value] : stanza.attributes())
        element.add_attribute(std::string(name), std::string(value));
    element.text = stanza.text();
    for (const xmpp::Stanza& child : stanza.children()) element.children.push_back(to_element(child, element.ns));
    return element;
}

xmpp::Stanza append_element(xmpp::Stanza& parent, const media::Element& element, std::string_view parent_ns) {
    const std::string name = element.name;
    const bool declare = element.ns != parent_ns;
    xmpp::Stanza child = parent.add_element(name.c_str(), declare ? element.ns.c_str() : nullptr);
    for (const media::XmlAttribute& a : element.attributes) child.set_attr(a.name.c_str(), a.value);
    if (!element.text.empty()) child.add_text(element.text);
    for (const media::Element& grandchild : element.children) append_element(child, grandchild, element.ns);
    return child;
}

}  // namespace gw
