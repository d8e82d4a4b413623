#include "tests/rig/stanza.hpp"

#include <memory>
#include <mutex>

#include "tests/rig/strophe_stanza.hpp"

namespace gw::rig {
namespace {

void escape_into(std::string& out, std::string_view text, bool attribute) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\'': out += attribute ? "&apos;" : "'"; break;
      default: out += c;
    }
  }
}

struct ContextDeleter {
  void operator()(xmpp_ctx_t* ctx) const { xmpp_ctx_free(ctx); }
};
struct StanzaDeleter {
  void operator()(xmpp_stanza_t* stanza) const { xmpp_stanza_release(stanza); }
};

}  // namespace

namespace detail {

void initialize_strophe() {
  static std::once_flag initialized;
  std::call_once(initialized, [] { xmpp_initialize(); });
}

Stanza stanza_from_strophe(xmpp_stanza_t* element, std::string_view parent_ns) {
  const char* name = xmpp_stanza_get_name(element);
  const char* own_ns = xmpp_stanza_get_ns(element);
  std::string ns = own_ns != nullptr ? own_ns : std::string(parent_ns);

  Stanza::Attributes attributes;
  const int count = xmpp_stanza_get_attribute_count(element);
  if (count > 0) {
    // Returned as name, value, name, value ...
    std::vector<const char*> pairs(static_cast<std::size_t>(count) * 2);
    const int filled = xmpp_stanza_get_attributes(element, pairs.data(), static_cast<int>(pairs.size()));
    for (int i = 0; i + 1 < filled; i += 2) {
      const std::string key = pairs[static_cast<std::size_t>(i)];
      if (key != "xmlns") attributes.emplace_back(key, pairs[static_cast<std::size_t>(i) + 1]);
    }
  }

  std::vector<Stanza> children;
  std::string text;
  for (xmpp_stanza_t* c = xmpp_stanza_get_children(element); c != nullptr; c = xmpp_stanza_get_next(c)) {
    if (xmpp_stanza_is_text(c)) {
      if (const char* t = xmpp_stanza_get_text_ptr(c)) text += t;
    } else {
      children.push_back(stanza_from_strophe(c, ns));
    }
  }
  return Stanza(name != nullptr ? name : "", std::move(ns), std::move(attributes), std::move(children),
                std::move(text));
}

}  // namespace detail

Stanza::Stanza(std::string name, std::string ns, Attributes attributes, std::vector<Stanza> children,
               std::string text)
    : name_(std::move(name)),
      ns_(std::move(ns)),
      attributes_(std::move(attributes)),
      children_(std::move(children)),
      text_(std::move(text)) {}

std::optional<Stanza> Stanza::parse(std::string_view xml) {
  detail::initialize_strophe();
  const std::unique_ptr<xmpp_ctx_t, ContextDeleter> ctx(xmpp_ctx_new(nullptr, nullptr));
  if (!ctx) return std::nullopt;
  const std::string copy(xml);  // libstrophe wants a NUL-terminated string
  const std::unique_ptr<xmpp_stanza_t, StanzaDeleter> parsed(xmpp_stanza_new_from_string(ctx.get(), copy.c_str()));
  if (!parsed) return std::nullopt;
  return detail::stanza_from_strophe(parsed.get());
}

std::string Stanza::attr(std::string_view name) const {
  for (const auto& [key, value] : attributes_) {
    if (key == name) return value;
  }
  return {};
}

bool Stanza::has_attr(std::string_view name) const {
  for (const auto& [key, value] : attributes_) {
    if (key == name) return true;
  }
  return false;
}

const Stanza* Stanza::child(std::string_view name, std::string_view ns) const {
  for (const auto& c : children_) {
    if (c.name_ == name && (ns.empty() || c.ns_ == ns)) return &c;
  }
  return nullptr;
}

std::string Stanza::to_string() const {
  std::string out;
  write(out, "");
  return out;
}

void Stanza::write(std::string& out, std::string_view parent_ns) const {
  out += '<';
  out += name_;
  if (!ns_.empty() && ns_ != parent_ns) {
    out += " xmlns=\"";
    escape_into(out, ns_, true);
    out += '"';
  }
  for (const auto& [key, value] : attributes_) {
    out += ' ';
    out += key;
    out += "=\"";
    escape_into(out, value, true);
    out += '"';
  }
  if (children_.empty() && text_.empty()) {
    out += "/>";
    return;
  }
  out += '>';
  escape_into(out, text_, false);
  for (const auto& c : children_) c.write(out, ns_);
  out += "</";
  out += name_;
  out += '>';
}

}  // namespace gw::rig
