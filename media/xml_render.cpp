#include <string>

#include "media/error.hpp"
#include "media/text_rules.hpp"
#include "media/xml.hpp"

namespace gw::media {

namespace {

// 1: may start a name, 2: may continue one. Non-ASCII bytes are allowed here and checked
// as UTF-8 afterwards.
struct NameTable {
    unsigned char classes[256] = {};
    constexpr NameTable() {
        for (int c = 'a'; c <= 'z'; ++c) classes[c] = 3;
        for (int c = 'A'; c <= 'Z'; ++c) classes[c] = 3;
        for (int c = 0x80; c < 0x100; ++c) classes[c] = 3;
        for (int c = '0'; c <= '9'; ++c) classes[c] = 2;
        classes[static_cast<int>('_')] = 3;
        classes[static_cast<int>('-')] = classes[static_cast<int>('.')] = 2;
    }
};

constexpr NameTable kNames;

bool is_name_char(char c, bool first) { return (kNames.classes[static_cast<unsigned char>(c)] & (first ? 1 : 2)) != 0; }

bool is_xml_name(std::string_view name) {
    if (name.empty()) return false;
    bool ascii = true;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (!is_name_char(name[i], i == 0)) return false;
        ascii = ascii && static_cast<unsigned char>(name[i]) < 0x80;
    }
    return ascii || is_valid_utf8(name);
}

void check_name(std::string_view what, std::string_view name) {
    if (!is_xml_name(name))
        fail(std::string(what) + " '" + std::string(name.substr(0, 40)) + "' is not an XML name");
}

// XML 1.0 allows TAB, LF and CR as the only control characters; they are kept through
// character references so that attribute-value normalisation cannot change them.
// Appends `value` escaped, copying unescaped runs whole; false if XML cannot carry it.
// Bytes that need a look in append_escaped: markup characters, controls and non-ASCII.
struct EscapeTable {
    bool special[256] = {};
    constexpr EscapeTable() {
        for (int c = 0; c < 0x20; ++c) special[c] = true;
        for (int c = 0x80; c < 0x100; ++c) special[c] = true;
        special[static_cast<int>('&')] = special[static_cast<int>('<')] = special[static_cast<int>('>')] = true;
        special[static_cast<int>('"')] = true;
    }
};

constexpr EscapeTable kEscape;

bool append_escaped(std::string& out, std::string_view value, bool attribute) {
    std::size_t run = 0;
    bool ascii = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto u = static_cast<unsigned char>(value[i]);
        if (!kEscape.special[u]) continue;
        const char* replacement = nullptr;
        switch (u) {
        case '&': replacement = "&amp;"; break;
        case '<': replacement = "&lt;"; break;
        case '>': replacement = "&gt;"; break;
        case '"': replacement = attribute ? "&quot;" : nullptr; break;
        case '\t': replacement = attribute ? "&#9;" : nullptr; break;
        case '\n': replacement = attribute ? "&#10;" : nullptr; break;
        case '\r': replacement = "&#13;"; break;
        default:
            if (u < 0x20) return false;
            if (u >= 0x80) ascii = false;
            break;
        }
        if (!replacement) continue;
        out.append(value.data() + run, i - run);
        out.append(replacement);
        run = i + 1;
    }
    out.append(value.data() + run, value.size() - run);
    return ascii || is_valid_utf8(value);
}

void write_text(std::string& out, const Element& e, std::string_view part, std::string_view value, bool attribute) {
    if (!append_escaped(out, value, attribute))
        fail("<" + e.name + "> " + std::string(part) + ": contains a character XML cannot carry");
}

void render(std::string& out, const Element& e, std::string_view parent_ns, std::size_t depth) {
    if (depth > 256) fail("XML: elements nested too deeply to render");
    if (!is_xml_name(e.name)) check_name("element name", e.name);
    out += '<';
    out += e.name;
    if (e.ns != parent_ns) {
        out += " xmlns=\"";
        write_text(out, e, "namespace", e.ns, true);
        out += '"';
    }
    for (const auto& a : e.attributes) {
        if (a.name == "xmlns") {
            // The namespace is carried by Element::ns; a copy in the attributes must agree.
            if (a.value != e.ns) fail("element <" + e.name + ">: xmlns attribute differs from its namespace");
            continue;
        }
        std::string_view local = a.name;
        if (local.substr(0, 4) == "xml:") local.remove_prefix(4);
        if (!is_xml_name(local)) check_name("attribute name", a.name);
        out += ' ';
        out += a.name;
        out += "=\"";
        if (!append_escaped(out, a.value, true))
            fail("<" + e.name + "> attribute '" + a.name + "': contains a character XML cannot carry");
        out += '"';
    }
    if (e.children.empty() && e.text.empty()) {
        out += "/>";
        return;
    }
    out += '>';
    write_text(out, e, "text", e.text, false);
    for (const auto& child : e.children) render(out, child, e.ns, depth + 1);
    out += "</";
    out += e.name;
    out += '>';
}

}  // namespace

Result<std::string> render_xml(const Element& element) {
    return guarded([&] {
        std::string out;
        out.reserve(2048);
        render(out, element, {}, 0);
        return out;
    });
}

}  // namespace gw::media
