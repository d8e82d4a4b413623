// XML for the load tool's side of the component stream: a small owned element tree for received
// stanzas, an incremental stream reader on expat, and escaping for the stanzas it writes.
// Namespaces are not resolved: `xmlns` stays an attribute (the gateway writes each payload's
// namespace on the payload element itself), which keeps parsing cheap at thousands of stanzas/s.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gw::load {

struct Element {
    std::string name;  // as written, with any prefix ("stream:error")
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<Element> children;
    std::string text;  // character data directly inside, unescaped

    // The attribute's value, empty when absent.
    std::string_view attr(std::string_view key) const;
    // The first child with that name (and that xmlns attribute, unless `xmlns` is empty).
    const Element* child(std::string_view child_name, std::string_view xmlns = {}) const;
};

// Escapes & < > ' " for attribute values and text.
std::string escape(std::string_view text);
void append_escaped(std::string& out, std::string_view text);
// Appends ` name='value'` with the value escaped.
void append_attr(std::string& out, std::string_view name, std::string_view value);

// Reads an XMPP stream incrementally: reports the stream header, then each top-level element
// (a stanza) once it is complete. Throws nothing; a syntax error is reported once and the reader
// stops.
class XmlStreamReader {
public:
    struct Handlers {
        std::function<void(const Element& header)> stream_open;
        std::function<void(Element&& stanza)> stanza;
        std::function<void()> stream_close;
        std::function<void(const std::string& message)> error;
    };

    explicit XmlStreamReader(Handlers handlers);
    ~XmlStreamReader();
    XmlStreamReader(const XmlStreamReader&) = delete;
    XmlStreamReader& operator=(const XmlStreamReader&) = delete;

    // False once the stream is broken (the error handler has been told why).
    bool feed(std::string_view bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::load
