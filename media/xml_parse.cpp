// A single-pass parser for the XML that XMPP carries (XML 1.0 with namespaces, UTF-8, no DTD).
// It is deliberately stricter than a general parser: DOCTYPEs, non-ASCII names and prefixed
// attributes outside the xml namespace are refused. The fuzz target fuzz_xml_differential holds
// it to expat: it never accepts a document expat refuses and builds the same tree.
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "media/error.hpp"
#include "media/limits.hpp"
#include "media/text_rules.hpp"
#include "media/xml.hpp"

namespace gw::media {

namespace {

constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view kXmlnsNamespace = "http://www.w3.org/2000/xmlns/";

// Character classes by byte, so that the scanning loops test one table entry per byte.
enum : unsigned char {
    kNameStart = 1,
    kName = 2,
    kSpace = 4,
    kStopsAttribute = 8,  // ends a plain run inside an attribute value (quotes checked apart)
    kStopsText = 16,      // ends a plain run of character data
    kPlainAscii = 32,     // printable ASCII: needs no character check
    kStopsName = 64,      // anything that cannot continue a name
};

struct CharTable {
    unsigned char classes[256] = {};
    constexpr CharTable() {
        for (int c = 0x20; c < 0x7F; ++c) classes[c] |= kPlainAscii;
        for (int c = 'a'; c <= 'z'; ++c) classes[c] |= kNameStart | kName;
        for (int c = 'A'; c <= 'Z'; ++c) classes[c] |= kNameStart | kName;
        for (int c = '0'; c <= '9'; ++c) classes[c] |= kName;
        classes[static_cast<int>('_')] |= kNameStart | kName;
        classes[static_cast<int>(':')] |= kNameStart | kName;
        classes[static_cast<int>('-')] |= kName;
        classes[static_cast<int>('.')] |= kName;
        for (int c : {' ', '\t', '\n', '\r'}) classes[c] |= kSpace;
        for (int c : {'&', '<', '\t', '\n', '\r', '"', '\''}) classes[c] |= kStopsAttribute;
        for (int c : {'&', '<', ']', '\r'}) classes[c] |= kStopsText;
        classes[0x7F] |= kPlainAscii;
        for (int c = 0; c < 256; ++c)
            if (!(classes[c] & kName)) classes[c] |= kStopsName;
    }
};

constexpr CharTable kChars;

bool has(char c, unsigned char cls) { return (kChars.classes[static_cast<unsigned char>(c)] & cls) != 0; }
bool is_name_start(char c) { return has(c, kNameStart); }
bool is_space(char c) { return has(c, kSpace); }

// A code point XML 1.0 allows in a document.
bool is_xml_char(std::uint32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

void append_utf8(std::string& out, std::uint32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

struct Binding {
    std::string_view prefix;  // empty for the default namespace; views the input
    std::string_view plain;   // the URI as written in the input, when it needed no decoding
    std::string decoded;      // otherwise the decoded URI
    bool is_plain = true;

    // Computed on demand: a view into `decoded` kept in the struct would dangle once the
    // vector of bindings moves it.
    std::string_view uri() const { return is_plain ? plain : std::string_view(decoded); }
};

struct RawAttribute {
    std::string_view qname;
    std::string_view plain;  // the value as written, when it needs no decoding
    std::string decoded;     // otherwise the decoded value
    bool is_plain = true;

    std::string_view value() const { return is_plain ? plain : std::string_view(decoded); }
};

class XmlParser {
public:
    explicit XmlParser(std::string_view text) : text_(text) {}

    Element run() {
        if (text_.size() > limits::max_text_bytes) fail("XML text is longer than the limit");
        check_characters();
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // byte order mark
        if (starts_with("<?xml") && pos_ + 5 < text_.size() && is_space(text_[pos_ + 5])) skip_declaration();
        misc();
        if (at_end()) error("no element found");
        if (peek() != '<') error("text outside the document element");
        element(nullptr, 0);
        misc();
        if (!at_end()) error(peek() == '<' ? "junk after document element" : "text outside the document element");
        return std::move(root_);
    }

private:
    // ---- errors -------------------------------------------------------------------------------
    [[noreturn]] void error(const std::string& message) const { error_at(pos_, message); }

    [[noreturn]] void error_at(std::size_t position, const std::string& message) const {
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < position && i < text_.size(); ++i) {
            if (text_[i] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        fail("XML line " + std::to_string(line) + " column " + std::to_string(column) + ": " + message);
    }

    // Every byte sequence must be UTF-8 for a character XML allows; done once, up front.
    void check_characters() {
        const std::size_t size = text_.size();
        const char* data = text_.data();
        for (pos_ = 0; pos_ < size;) {
            std::size_t i = pos_;
            // Eight bytes at a time while none is a control character or non-ASCII.
            constexpr std::uint64_t kHigh = 0x8080808080808080ull, kSpaces = 0x2020202020202020ull;
            while (i + 8 <= size) {
                std::uint64_t word;
                std::memcpy(&word, data + i, 8);
                if (((word | ((word - kSpaces) & ~word)) & kHigh) != 0) break;
                i += 8;
            }
            while (i < size && (kChars.classes[static_cast<unsigned char>(data[i])] & kPlainAscii)) ++i;
            pos_ = i;
            if (pos_ == size) break;
            auto c = static_cast<unsigned char>(text_[pos_]);
            if (c < 0x80) {
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') error("not well-formed (invalid token)");
                ++pos_;
                continue;
            }
            std::size_t length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
            if (length == 0 || pos_ + length > text_.size() || !is_valid_utf8(text_.substr(pos_, length)))
                error("not well-formed (invalid token)");
            std::uint32_t code = c & (length == 2 ? 0x1Fu : length == 3 ? 0x0Fu : 0x07u);
            for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (static_cast<unsigned char>(text_[pos_ + k]) & 0x3Fu);
            if (!is_xml_char(code)) error("not well-formed (invalid token)");
            pos_ += length;
        }
        pos_ = 0;
    }

    // ---- scanning -----------------------------------------------------------------------------
    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return text_[pos_]; }
    bool starts_with(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }
    void expect(char c, const char* what) {
        if (at_end()) error("unclosed token");
        if (peek() != c) error(std::string("expected ") + what);
        ++pos_;
    }
    // The first position from `i` whose byte has class `stop` (or the end), four bytes a step.
    std::size_t scan_until(std::size_t i, unsigned char stop) const {
        const auto* bytes = reinterpret_cast<const unsigned char*>(text_.data());
        const std::size_t size = text_.size();
        while (i + 4 <= size) {
            if (kChars.classes[bytes[i]] & stop) return i;
            if (kChars.classes[bytes[i + 1]] & stop) return i + 1;
            if (kChars.classes[bytes[i + 2]] & stop) return i + 2;
            if (kChars.classes[bytes[i + 3]] & stop) return i + 3;
            i += 4;
        }
        while (i < size && !(kChars.classes[bytes[i]] & stop)) ++i;
        return i;
    }

    bool skip_space() {
        std::size_t i = pos_;
        while (i < text_.size() && is_space(text_[i])) ++i;
        const bool skipped = i > pos_;
        pos_ = i;
        return skipped;
    }

    std::string_view name() {
        std::size_t start = pos_;
        if (at_end()) error("unclosed token");
        if (!is_name_start(peek())) {
            if (static_cast<unsigned char>(peek()) >= 0x80) error("names must be ASCII");
            error("not well-formed (invalid token)");
        }
        pos_ = scan_until(pos_ + 1, kStopsName);
        if (!at_end() && static_cast<unsigned char>(peek()) >= 0x80) error("names must be ASCII");
        return text_.substr(start, pos_ - start);
    }

    // Comments, processing instructions and white space between the top-level parts.
    void misc() {
        while (true) {
            skip_space();
            if (starts_with("<!--")) comment();
            else if (starts_with("<?")) processing_instruction();
            else if (starts_with("<!DOCTYPE")) error("a DOCTYPE is not allowed");
            else return;
        }
    }

    void comment() {
        pos_ += 4;
        std::size_t end = text_.find("--", pos_);
        if (end == std::string_view::npos) error("unclosed token");
        if (end + 2 >= text_.size() || text_[end + 2] != '>') {
            pos_ = end;
            error("not well-formed (invalid token)");  // "--" inside a comment
        }
        pos_ = end + 3;
    }

    void processing_instruction() {
        pos_ += 2;
        std::string_view target = name();
        if (target.find(':') != std::string_view::npos) error("colon in a processing instruction target");
        if (iequals(target, "xml")) error("XML or text declaration not at start of entity");
        if (starts_with("?>")) {
            pos_ += 2;
            return;
        }
        if (!skip_space()) error("not well-formed (invalid token)");
        std::size_t end = text_.find("?>", pos_);
        if (end == std::string_view::npos) error("unclosed token");
        pos_ = end + 2;
    }

    // <?xml version='1.0' encoding='UTF-8' standalone='yes'?>, in that order.
    void skip_declaration() {
        pos_ += 5;
        std::vector<std::pair<std::string_view, std::string>> fields;
        while (true) {
            bool spaced = skip_space();
            if (starts_with("?>")) {
                pos_ += 2;
                break;
            }
            if (!spaced) error("XML declaration not well-formed");
            std::string_view key = name();
            skip_space();
            expect('=', "'=' in the XML declaration");
            skip_space();
            if (at_end() || (peek() != '"' && peek() != '\'')) error("XML declaration not well-formed");
            char quote = text_[pos_++];
            std::size_t end = text_.find(quote, pos_);
            if (end == std::string_view::npos) error("unclosed token");
            fields.emplace_back(key, std::string(text_.substr(pos_, end - pos_)));
            pos_ = end + 1;
        }
        static constexpr std::string_view order[] = {"version", "encoding", "standalone"};
        std::size_t next = 0;
        for (const auto& [key, value] : fields) {
            while (next < 3 && key != order[next]) ++next;
            if (next == 3) error("XML declaration not well-formed");
            if (key == "version" && (value.size() < 3 || value.substr(0, 2) != "1." || !is_digits(std::string_view(value).substr(2))))
                error("XML declaration not well-formed");
            if (key == "encoding" && !iequals(value, "UTF-8")) error("only UTF-8 is accepted");
            if (key == "standalone" && value != "yes" && value != "no") error("XML declaration not well-formed");
            ++next;
        }
        if (fields.empty() || fields[0].first != "version") error("XML declaration not well-formed");
    }

    // ---- references and text ------------------------------------------------------------------
    void reference(std::string& out) {
        const std::size_t start = pos_;
        ++pos_;  // '&'
        if (!at_end() && peek() == '#') {
            ++pos_;
            bool hex = !at_end() && peek() == 'x';
            if (hex) ++pos_;
            std::uint64_t code = 0;
            std::size_t digits = 0;
            while (!at_end() && peek() != ';') {
                char c = peek();
                int d = (c >= '0' && c <= '9') ? c - '0'
                        : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
                        : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
                if (d < 0) error("not well-formed (invalid token)");
                code = code * (hex ? 16 : 10) + static_cast<unsigned>(d);
                if (code > 0x10FFFF) error("reference to invalid character number");
                ++digits;
                ++pos_;
            }
            if (at_end()) error("unclosed token");
            if (digits == 0) error("not well-formed (invalid token)");
            if (!is_xml_char(static_cast<std::uint32_t>(code))) error_at(start, "reference to invalid character number");
            ++pos_;
            append_utf8(out, static_cast<std::uint32_t>(code));
            return;
        }
        std::string_view entity = name();
        if (at_end()) error("unclosed token");
        if (peek() != ';') error("not well-formed (invalid token)");
        ++pos_;
        if (entity == "lt") out += '<';
        else if (entity == "gt") out += '>';
        else if (entity == "amp") out += '&';
        else if (entity == "apos") out += '\'';
        else if (entity == "quot") out += '"';
        else error_at(start, "undefined entity");
    }

    // Reads a quoted value into `into`: a view of the input when it holds nothing to decode
    // (the common case), else the decoded text.
    void attribute_value(RawAttribute& into) {
        if (at_end()) error("unclosed token");
        char quote = peek();
        if (quote != '"' && quote != '\'') error("not well-formed (invalid token)");
        ++pos_;
        const std::size_t end = scan_until(pos_, kStopsAttribute);
        if (end < text_.size() && text_[end] == quote) {
            if (end - pos_ > limits::max_value_bytes) error("attribute is longer than the limit");
            into.plain = text_.substr(pos_, end - pos_);
            into.is_plain = true;
            pos_ = end + 1;
            return;
        }
        into.is_plain = false;
        into.decoded.clear();
        std::string& value = into.decoded;
        while (true) {
            std::size_t run = scan_until(pos_, kStopsAttribute);
            if (run < text_.size() && (text_[run] == '"' || text_[run] == '\'') && text_[run] != quote) {
                value.append(text_.substr(pos_, run + 1 - pos_));  // the other quote is plain text here
                pos_ = run + 1;
                continue;
            }
            value.append(text_.substr(pos_, run - pos_));
            pos_ = run;
            if (at_end()) error("unclosed token");
            char c = peek();
            if (c == quote) {
                ++pos_;
                break;
            }
            if (c == '<') error("not well-formed (invalid token)");
            if (c == '&') {
                reference(value);
            } else {
                // Attribute-value normalisation: a literal line end or tab reads as one space.
                value += ' ';
                pos_ += (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ? 2 : 1;
            }
            if (value.size() > limits::max_value_bytes) error("attribute is longer than the limit");
        }
        if (value.size() > limits::max_value_bytes) error("attribute is longer than the limit");
    }

    void add_text(std::string_view chunk, std::string& target) {
        // Line-end normalisation: CRLF and a lone CR read as LF.
        std::size_t start = 0;
        for (std::size_t i = 0; i < chunk.size(); ++i) {
            if (chunk[i] != '\r') continue;
            target.append(chunk.substr(start, i - start));
            target += '\n';
            if (i + 1 < chunk.size() && chunk[i + 1] == '\n') ++i;
            start = i + 1;
        }
        target.append(chunk.substr(start));
        if (target.size() > limits::max_value_bytes) error("text is longer than the limit");
    }

    // ---- elements -----------------------------------------------------------------------------
    std::optional<std::string_view> lookup(std::string_view prefix) const {
        for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it)
            if (it->prefix == prefix) return it->uri();
        return std::nullopt;
    }

    void bind(std::string_view prefix, const RawAttribute& declaration) {
        Binding& b = bindings_.emplace_back();
        b.prefix = prefix;
        b.is_plain = declaration.is_plain;
        if (declaration.is_plain) b.plain = declaration.plain;
        else b.decoded = declaration.decoded;
    }

    void split_qname(std::string_view qname, std::string_view& prefix, std::string_view& local) {
        auto colon = qname.find(':');
        if (colon == std::string_view::npos) {
            prefix = {};
            local = qname;
            return;
        }
        prefix = qname.substr(0, colon);
        local = qname.substr(colon + 1);
        if (prefix.empty() || local.empty() || local.find(':') != std::string_view::npos || !is_name_start(local[0]) ||
            local[0] == ':')
            error("not well-formed (invalid token)");
    }

    void declare(const RawAttribute& declaration) {
        const std::string_view qname = declaration.qname;
        const std::string_view uri = declaration.value();
        if (qname == "xmlns") {
            if (uri == kXmlNamespace || uri == kXmlnsNamespace) error("reserved prefix (xmlns) must not be declared or undeclared");
            bind({}, declaration);
            return;
        }
        std::string_view prefix = qname.substr(6);
        if (prefix.empty() || prefix.find(':') != std::string_view::npos || !is_name_start(prefix[0]))
            error("not well-formed (invalid token)");
        if (prefix == "xmlns") error("reserved prefix (xmlns) must not be declared or undeclared");
        if (prefix == "xml") {
            if (uri != kXmlNamespace) error("reserved prefix (xml) must not be undeclared or bound to another namespace name");
            return;
        }
        if (uri == kXmlNamespace) error("reserved prefix (xml) must not be undeclared or bound to another namespace name");
        if (uri == kXmlnsNamespace) error("reserved prefix (xmlns) must not be declared or undeclared");
        if (uri.empty()) error("unbound prefix");  // XML 1.0 namespaces cannot undeclare a prefix
        bind(prefix, declaration);
    }

    // Builds the element in place: in its parent's children (or as the root). The parent's
    // children are not touched again until this element is complete, so the reference is stable.
    void element(Element* parent, std::size_t depth) {
        if (depth >= limits::max_xml_depth) error("elements nested deeper than the limit");
        if (++elements_ > limits::max_xml_elements) error("more elements than the limit");
        ++pos_;  // '<'
        std::string_view qname = name();
        // Attributes are collected in a buffer reused by every element: it is emptied before
        // the children are parsed, so the recursion never sees it in use.
        std::vector<RawAttribute>& raw = raw_;
        raw_used_ = 0;  // slots keep their buffers from element to element
        while (true) {
            bool spaced = skip_space();
            if (at_end()) error("unclosed token");
            if (peek() == '/' || peek() == '>') break;
            if (!spaced) error("not well-formed (invalid token)");
            const std::size_t attribute_start = pos_;
            std::string_view attribute = name();
            skip_space();
            expect('=', "'='");
            skip_space();
            for (std::size_t k = 0; k < raw_used_; ++k)
                if (raw[k].qname == attribute) error_at(attribute_start, "duplicate attribute");
            if (raw.size() >= limits::max_xml_attributes + 8) error("element has more attributes than the limit");
            if (raw.size() == raw_used_) raw.emplace_back();
            RawAttribute& slot = raw[raw_used_++];
            slot.qname = attribute;
            attribute_value(slot);
        }
        raw.resize(raw_used_);
        // Namespace declarations first: they apply to the element's own name and attributes.
        const std::size_t scope = bindings_.size();
        Element& e = parent ? parent->children.emplace_back() : root_;
        bool prefixed = false;
        for (const auto& r : raw) {
            if (r.qname == "xmlns" || r.qname.substr(0, 6) == "xmlns:") declare(r);
            else prefixed = prefixed || r.qname.find(':') != std::string_view::npos;
        }
        std::string_view prefix, local;
        split_qname(qname, prefix, local);
        const std::optional<std::string_view> ns = lookup(prefix);
        if (!ns) {
            if (prefix == "xml") error("reserved prefix (xml) must not be undeclared or bound to another namespace name");
            if (!prefix.empty()) error("unbound prefix");
        }
        e.name = std::string(local);
        if (ns) e.ns = *ns;
        e.attributes.reserve(raw.size());
        for (auto& r : raw) {
            if (r.qname == "xmlns" || r.qname.substr(0, 6) == "xmlns:") continue;
            std::string_view attribute_prefix, attribute_local;
            split_qname(r.qname, attribute_prefix, attribute_local);
            std::string stored;
            if (attribute_prefix.empty()) {
                stored.assign(r.qname);
            } else {
                const auto uri = attribute_prefix == "xml" ? std::nullopt : lookup(attribute_prefix);
                if (attribute_prefix != "xml" && (!uri || uri->empty())) error("unbound prefix");
                std::string_view resolved = uri ? *uri : kXmlNamespace;
                if (resolved != kXmlNamespace)
                    fail("XML: attribute '" + std::string(attribute_local) + "' in namespace '" + std::string(resolved) +
                         "' is not supported");
                stored = "xml:" + std::string(attribute_local);
            }
            if (prefixed)  // two prefixes may name the same namespace: compare resolved names
                for (const auto& a : e.attributes)
                    if (a.name == stored) error("duplicate attribute");
            if (e.attributes.size() >= limits::max_xml_attributes)
                fail("XML: element '" + e.name + "' has more attributes than the limit");
            e.attributes.push_back({std::move(stored), std::string(r.value())});
        }
        raw_used_ = 0;
        if (starts_with("/>")) {
            pos_ += 2;
        } else {
            expect('>', "'>'");
            content(e, qname, depth);
        }
        bindings_.resize(scope);
    }

    void content(Element& e, std::string_view qname, std::size_t depth) {
        while (true) {
            std::size_t run = pos_;
            while (run < text_.size()) {
                const char c = text_[run];
                if (!has(c, kStopsText) || c == '\r') {
                    ++run;  // CR is handled by add_text
                    continue;
                }
                if (c != ']') break;
                if (text_.substr(run, 3) == "]]>") {
                    pos_ = run;
                    error("not well-formed (invalid token)");
                }
                ++run;
            }
            add_text(text_.substr(pos_, run - pos_), e.text);
            pos_ = run;
            if (at_end()) error("no element found");
            if (peek() == '&') {
                reference(e.text);
                if (e.text.size() > limits::max_value_bytes) error("text is longer than the limit");
                continue;
            }
            if (starts_with("</")) {
                pos_ += 2;
                std::string_view end = name();
                skip_space();
                if (end != qname) error("mismatched tag");
                expect('>', "'>'");
                return;
            }
            if (starts_with("<!--")) comment();
            else if (starts_with("<![CDATA[")) cdata(e);
            else if (starts_with("<?")) processing_instruction();
            else if (starts_with("<!")) error("not well-formed (invalid token)");
            else element(&e, depth + 1);
        }
    }

    void cdata(Element& e) {
        pos_ += 9;
        std::size_t end = text_.find("]]>", pos_);
        if (end == std::string_view::npos) {
            pos_ = text_.size();
            error("unclosed CDATA section");
        }
        add_text(text_.substr(pos_, end - pos_), e.text);
        pos_ = end + 3;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t elements_ = 0;
    std::vector<Binding> bindings_;
    std::vector<RawAttribute> raw_;
    std::size_t raw_used_ = 0;
    Element root_;
};

}  // namespace

Result<Element> parse_xml(std::string_view text) {
    return guarded([&] { return XmlParser(text).run(); });
}

}  // namespace gw::media
