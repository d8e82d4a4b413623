// An owned reference to a libstrophe stanza: read accessors for received stanzas (it keeps them
// alive after libstrophe's handler returns) and builders for the ones the gateway sends
// (libstrophe escapes text and attributes when it serializes).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct _xmpp_stanza_t;
struct _xmpp_ctx_t;

namespace gw::xmpp {

class Stanza {
public:
    // Takes a new reference (the caller keeps its own).
    explicit Stanza(_xmpp_stanza_t* stanza);
    Stanza(const Stanza& other);
    Stanza(Stanza&& other) noexcept;
    Stanza& operator=(Stanza other) noexcept;
    ~Stanza();

    std::string_view name() const;            // "" for a text node
    std::string_view attr(const char* name) const;  // "" when absent
    bool has_attr(const char* name) const;
    std::string_view ns() const;
    bool is_text() const;
    std::string text() const;                 // concatenated text of the children
    std::optional<Stanza> child(const char* name, const char* ns = nullptr) const;
    std::vector<Stanza> children() const;     // element children only
    // Every attribute but xmlns, in libstrophe's order (views valid while the stanza lives).
    std::vector<std::pair<std::string_view, std::string_view>> attributes() const;
    std::string to_string() const;            // serialized XML

    // Builders. A new root comes from ComponentLink::new_stanza() or reply().
    Stanza& set_attr(const char* name, std::string_view value);
    Stanza& set_ns(std::string_view ns);
    Stanza add_element(const char* name, const char* ns = nullptr);  // appends, returns the child
    Stanza& add_text(std::string_view text);
    Stanza& add_child(const Stanza& child);  // shares the child (reference counted)
    // A reply to this stanza: to and from swapped, same id and name, no children.
    Stanza reply() const;
    static Stanza create(_xmpp_ctx_t* ctx, const char* name);

    _xmpp_stanza_t* raw() const { return stanza_; }

private:
    struct Adopt {};
    Stanza(_xmpp_stanza_t* stanza, Adopt) : stanza_(stanza) {}  // takes over the reference

    _xmpp_stanza_t* stanza_;
};

}  // namespace gw::xmpp
