#pragma once
// An owned, copyable copy of a received XML stanza (no libstrophe pointers inside).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gw::rig {

class Stanza {
 public:
  using Attributes = std::vector<std::pair<std::string, std::string>>;

  Stanza() = default;
  Stanza(std::string name, std::string ns, Attributes attributes, std::vector<Stanza> children, std::string text);

  // Parses one XML element (with libstrophe's parser, as received stanzas are);
  // nullopt if `xml` is not well-formed.
  static std::optional<Stanza> parse(std::string_view xml);

  const std::string& name() const { return name_; }
  // The element's namespace, inherited from the parent where it declares none. libstrophe drops
  // the stream's default 'jabber:client' from top-level stanzas, so those usually report "".
  const std::string& ns() const { return ns_; }
  // Attribute value, empty if absent (xml:lang arrives as "lang"; xmlns is ns()).
  std::string attr(std::string_view name) const;
  bool has_attr(std::string_view name) const;
  const Attributes& attributes() const { return attributes_; }
  // First child element with that name (and namespace, unless ns is empty); nullptr if none.
  const Stanza* child(std::string_view name, std::string_view ns = "") const;
  const std::vector<Stanza>& children() const { return children_; }
  // The text directly inside this element (unescaped).
  const std::string& text() const { return text_; }
  // Serialized XML. Text is written before the child elements (stanzas have no mixed content).
  std::string to_string() const;

 private:
  void write(std::string& out, std::string_view parent_ns) const;

  std::string name_;
  std::string ns_;
  Attributes attributes_;
  std::vector<Stanza> children_;
  std::string text_;
};

}  // namespace gw::rig
