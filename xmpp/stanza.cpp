#include "xmpp/stanza.hpp"

#include <strophe.h>

#include <new>
#include <utility>

namespace gw::xmpp {
namespace {
std::string_view view(const char* s) { return s ? std::string_view(s) : std::string_view(); }
}  // namespace

Stanza::Stanza(xmpp_stanza_t* stanza) : stanza_(xmpp_stanza_clone(stanza)) {}
Stanza::Stanza(const Stanza& other) : stanza_(xmpp_stanza_clone(other.stanza_)) {}
Stanza::Stanza(Stanza&& other) noexcept : stanza_(std::exchange(other.stanza_, nullptr)) {}
Stanza& Stanza::operator=(Stanza other) noexcept {
    std::swap(stanza_, other.stanza_);
    return *this;
}
Stanza::~Stanza() {
    if (stanza_ != nullptr) xmpp_stanza_release(stanza_);
}

std::string_view Stanza::name() const { return view(xmpp_stanza_get_name(stanza_)); }
std::string_view Stanza::attr(const char* name) const {
    return view(xmpp_stanza_get_attribute(stanza_, name));
}
bool Stanza::has_attr(const char* name) const {
    return xmpp_stanza_get_attribute(stanza_, name) != nullptr;
}
std::string_view Stanza::ns() const { return view(xmpp_stanza_get_ns(stanza_)); }
bool Stanza::is_text() const { return xmpp_stanza_is_text(stanza_) != 0; }

std::string Stanza::text() const {
    char* text = xmpp_stanza_get_text(stanza_);
    if (text == nullptr) return {};
    std::string result(text);
    xmpp_free(xmpp_stanza_get_context(stanza_), text);
    return result;
}

std::optional<Stanza> Stanza::child(const char* name, const char* ns) const {
    xmpp_stanza_t* c = ns ? xmpp_stanza_get_child_by_name_and_ns(stanza_, name, ns)
                          : xmpp_stanza_get_child_by_name(stanza_, name);
    if (c == nullptr) return std::nullopt;
    return Stanza(c);
}

std::vector<Stanza> Stanza::children() const {
    std::vector<Stanza> result;
    for (xmpp_stanza_t* c = xmpp_stanza_get_children(stanza_); c; c = xmpp_stanza_get_next(c))
        if (xmpp_stanza_is_tag(c)) result.emplace_back(c);
    return result;
}

std::vector<std::pair<std::string_view, std::string_view>> Stanza::attributes() const {
    std::vector<std::pair<std::string_view, std::string_view>> result;
    const int count = xmpp_stanza_get_attribute_count(stanza_);
    if (count <= 0) return result;
    std::vector<const char*> pairs(static_cast<std::size_t>(count) * 2);
    const int filled = xmpp_stanza_get_attributes(stanza_, pairs.data(), static_cast<int>(pairs.size()));
    for (int i = 0; i + 1 < filled; i += 2) {
        const std::string_view name = view(pairs[static_cast<std::size_t>(i)]);
        if (name == "xmlns") continue;
        result.emplace_back(name, view(pairs[static_cast<std::size_t>(i) + 1]));
    }
    return result;
}

std::string Stanza::to_string() const {
    char* buffer = nullptr;
    size_t length = 0;
    if (xmpp_stanza_to_text(stanza_, &buffer, &length) != XMPP_EOK) return {};
    std::string result(buffer, length);
    xmpp_free(xmpp_stanza_get_context(stanza_), buffer);
    return result;
}

Stanza& Stanza::set_attr(const char* name, std::string_view value) {
    xmpp_stanza_set_attribute(stanza_, name, std::string(value).c_str());
    return *this;
}

Stanza& Stanza::set_ns(std::string_view ns) {
    xmpp_stanza_set_ns(stanza_, std::string(ns).c_str());
    return *this;
}

Stanza Stanza::add_element(const char* name, const char* ns) {
    Stanza child = create(xmpp_stanza_get_context(stanza_), name);
    if (ns != nullptr) xmpp_stanza_set_ns(child.stanza_, ns);
    xmpp_stanza_add_child(stanza_, child.stanza_);
    return child;
}

Stanza& Stanza::add_text(std::string_view text) {
    xmpp_stanza_t* node = xmpp_stanza_new(xmpp_stanza_get_context(stanza_));
    xmpp_stanza_set_text_with_size(node, text.data(), text.size());
    xmpp_stanza_add_child_ex(stanza_, node, 0);  // hands our reference to the parent
    return *this;
}

Stanza& Stanza::add_child(const Stanza& child) {
    xmpp_stanza_add_child(stanza_, child.stanza_);
    return *this;
}

Stanza Stanza::reply() const {
    xmpp_stanza_t* r = xmpp_stanza_reply(stanza_);
    if (r == nullptr) throw std::bad_alloc();
    // libstrophe swaps to but drops from. Prosody fills in the component's address; ejabberd
    // closes the component stream over a stanza without 'from' (improper-addressing).
    if (const char* to = xmpp_stanza_get_to(stanza_)) xmpp_stanza_set_from(r, to);
    return Stanza(r, Adopt{});
}

Stanza Stanza::create(xmpp_ctx_t* ctx, const char* name) {
    xmpp_stanza_t* s = xmpp_stanza_new(ctx);
    if (s == nullptr) throw std::bad_alloc();
    xmpp_stanza_set_name(s, name);
    return Stanza(s, Adopt{});
}

}  // namespace gw::xmpp
