#include <expat.h>

#include <memory>
#include <string>
#include <vector>

#include "media/error.hpp"
#include "media/fuzz/expat_reference.hpp"

namespace gw::media::fuzz {

namespace {

// Expat reports qualified names as "URI<sep>local". It refuses a namespace URI holding the
// separator, so the separator must be a character no XML document can contain: U+0001.
constexpr char kSeparator = '\x01';
constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

struct Builder {
    XML_Parser parser = nullptr;
    std::vector<Element> open;  // the path from the root to the current element
    Element root;
    bool have_root = false;
    std::size_t elements = 0;
    std::string error;  // first failure raised inside a callback

    void stop(std::string message) {
        if (error.empty()) error = std::move(message);
        XML_StopParser(parser, XML_FALSE);
    }
};

void split_name(const char* qualified, std::string& ns, std::string& local) {
    std::string_view name(qualified);
    auto cut = name.rfind(kSeparator);
    if (cut == std::string_view::npos) {
        ns.clear();
        local.assign(name);
    } else {
        ns.assign(name.substr(0, cut));
        local.assign(name.substr(cut + 1));
    }
}

void start_element(Builder& b, const XML_Char* name, const XML_Char** atts) {
    Element element;
    split_name(name, element.ns, element.name);
    for (std::size_t i = 0; atts[i] != nullptr; i += 2) {
        std::string ns, local;
        split_name(atts[i], ns, local);
        if (!ns.empty()) {
            if (ns != kXmlNamespace)
                fail("attribute '" + local + "' in namespace '" + ns + "' is not supported");
            local = "xml:" + local;
        }
        element.attributes.push_back({std::move(local), std::string(atts[i + 1])});
    }
    b.open.push_back(std::move(element));
}

void end_element(Builder& b) {
    Element done = std::move(b.open.back());
    b.open.pop_back();
    if (b.open.empty()) {
        b.root = std::move(done);
        b.have_root = true;
    } else {
        b.open.back().children.push_back(std::move(done));
    }
}

// Trampolines: expat is C, so nothing may unwind through it.
// After XML_StopParser expat may still deliver the event in progress: once failed, ignore all.
void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** atts) {
    auto& b = *static_cast<Builder*>(data);
    if (!b.error.empty()) return;
    try {
        start_element(b, name, atts);
    } catch (const std::exception& e) {
        b.stop(e.what());
    }
}

void XMLCALL on_end(void* data, const XML_Char*) {
    auto& b = *static_cast<Builder*>(data);
    if (!b.error.empty() || b.open.empty()) return;
    try {
        end_element(b);
    } catch (const std::exception& e) {
        b.stop(e.what());
    }
}

void XMLCALL on_text(void* data, const XML_Char* text, int length) {
    auto& b = *static_cast<Builder*>(data);
    if (!b.error.empty() || b.open.empty()) return;
    try {
        b.open.back().text.append(text, static_cast<std::size_t>(length));
    } catch (const std::exception& e) {
        b.stop(e.what());
    }
}

void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    static_cast<Builder*>(data)->stop("a DOCTYPE is not allowed");
}

void XMLCALL on_entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                       const XML_Char*, const XML_Char*, const XML_Char*) {
    static_cast<Builder*>(data)->stop("entity declarations are not allowed");
}

struct ParserFree {
    void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

}  // namespace

Result<Element> parse_xml_with_expat(std::string_view text) {
    return guarded([&]() -> Element {
        std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreateNS("UTF-8", kSeparator));
        if (!parser) throw std::bad_alloc();
        Builder b;
        b.parser = parser.get();
        XML_SetUserData(parser.get(), &b);
        XML_SetElementHandler(parser.get(), on_start, on_end);
        XML_SetCharacterDataHandler(parser.get(), on_text);
        XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
        XML_SetEntityDeclHandler(parser.get(), on_entity);
        auto status = XML_Parse(parser.get(), text.data(), static_cast<int>(text.size()), XML_TRUE);
        if (!b.error.empty()) fail("XML: " + b.error);
        if (status != XML_STATUS_OK) {
            fail("XML line " + std::to_string(XML_GetCurrentLineNumber(parser.get())) + " column " +
                 std::to_string(XML_GetCurrentColumnNumber(parser.get()) + 1) + ": " +
                 XML_ErrorString(XML_GetErrorCode(parser.get())));
        }
        if (!b.have_root) fail("XML: no element");
        return std::move(b.root);
    });
}

}  // namespace gw::media::fuzz
