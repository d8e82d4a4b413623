#pragma once
// A small XML element: what the translation reads and writes. The gateway converts libstrophe
// stanzas to and from it by walking the tree, so every part is a plain public member.
#include <string>
#include <string_view>
#include <vector>

namespace gw::media {

struct XmlAttribute {
    std::string name;   // "id", or "xml:lang" for the xml namespace; no other prefixes
    std::string value;  // unescaped
    bool operator==(const XmlAttribute&) const = default;
};

struct Element {
    std::string name;  // local name, no prefix
    std::string ns;    // resolved namespace URI; rendering declares it where it changes
    std::vector<XmlAttribute> attributes;  // in document order
    std::vector<Element> children;
    std::string text;  // character data directly inside this element, concatenated

    Element() = default;
    explicit Element(std::string element_name, std::string element_ns = {});

    const std::string* attribute(std::string_view key) const;  // nullptr when absent
    std::string_view attribute_or(std::string_view key, std::string_view fallback = {}) const;
    // Replaces the value of an existing attribute (keeping its position) or appends one.
    Element& set_attribute(std::string_view key, std::string value);

    // Appends without looking for an existing one: for builders that know their names are unique.
    Element& add_attribute(std::string key, std::string value);

    // Appends and returns the stored child (the reference is valid until the next append).
    Element& add_child(Element child);
    Element& add_child(std::string child_name, std::string child_ns);

    // First child with this name and namespace, or nullptr.
    const Element* child(std::string_view child_name, std::string_view child_ns) const;

    bool operator==(const Element&) const = default;
};

}  // namespace gw::media
