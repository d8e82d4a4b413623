// The small XML element: build, walk, parse and render with correct escaping and namespaces.
#include <doctest/doctest.h>

#include <string>

#include "media/element.hpp"
#include "media/limits.hpp"
#include "media/xml.hpp"

using namespace gw::media;

namespace {

std::string rendered(const Element& e) {
    auto text = render_xml(e);
    REQUIRE_MESSAGE(text.ok(), text.error());
    return *text;
}

Element parsed(const std::string& text) {
    auto e = parse_xml(text);
    REQUIRE_MESSAGE(e.ok(), e.error());
    return *e;
}

std::string parse_error(const std::string& text) {
    auto e = parse_xml(text);
    REQUIRE_FALSE(e.ok());
    return e.error();
}

}  // namespace

TEST_CASE("an element is built and walked through plain members") {
    Element iq("iq", "jabber:client");
    iq.set_attribute("type", "set");
    Element& jingle = iq.add_child("jingle", "urn:xmpp:jingle:1");
    jingle.set_attribute("sid", "s1");
    jingle.set_attribute("sid", "s2");  // replaces, keeps the position
    REQUIRE(iq.child("jingle", "urn:xmpp:jingle:1") != nullptr);
    CHECK(iq.child("jingle", "urn:xmpp:jingle:0") == nullptr);
    CHECK(*iq.child("jingle", "urn:xmpp:jingle:1")->attribute("sid") == "s2");
    CHECK(iq.child("jingle", "urn:xmpp:jingle:1")->attributes.size() == 1);
    CHECK(iq.attribute_or("id", "none") == "none");
    CHECK(iq.attribute("type") != nullptr);
}

TEST_CASE("namespaces are declared only where they change") {
    Element jingle("jingle", "urn:xmpp:jingle:1");
    Element& content = jingle.add_child("content", "urn:xmpp:jingle:1");
    content.add_child("description", "urn:xmpp:jingle:apps:rtp:1").add_child("payload-type", "urn:xmpp:jingle:apps:rtp:1");
    CHECK(rendered(jingle) ==
          "<jingle xmlns=\"urn:xmpp:jingle:1\"><content><description xmlns=\"urn:xmpp:jingle:apps:rtp:1\">"
          "<payload-type/></description></content></jingle>");
}

TEST_CASE("special characters are escaped and survive a round trip") {
    Element e("x", "urn:test");
    e.set_attribute("a", "<\"&'>");
    e.set_attribute("lines", "one\ntwo\tthree\rfour");
    e.text = "a < b & c > d";
    const std::string text = rendered(e);
    CHECK(text == "<x xmlns=\"urn:test\" a=\"&lt;&quot;&amp;'&gt;\" lines=\"one&#10;two&#9;three&#13;four\">"
                  "a &lt; b &amp; c &gt; d</x>");
    CHECK(parsed(text) == e);
}

TEST_CASE("parsing resolves prefixes, keeps attribute order, text and xml:lang") {
    Element e = parsed(
        "<?xml version='1.0'?><!-- a comment --><j:jingle xmlns:j='urn:xmpp:jingle:1' b='2' a='1' xml:lang='en'>"
        "<j:content name='x'>hi &amp; <![CDATA[<raw>]]></j:content><other xmlns='urn:other'/></j:jingle>");
    CHECK(e.name == "jingle");
    CHECK(e.ns == "urn:xmpp:jingle:1");
    REQUIRE(e.attributes.size() == 3);
    CHECK(e.attributes[0].name == "b");
    CHECK(e.attributes[1].name == "a");
    CHECK(e.attributes[2].name == "xml:lang");
    REQUIRE(e.children.size() == 2);
    CHECK(e.children[0].ns == "urn:xmpp:jingle:1");
    CHECK(e.children[0].text == "hi & <raw>");
    CHECK(e.children[1].ns == "urn:other");
    // Rendering uses default namespaces instead of the prefix; parsing that gives the same tree.
    CHECK(parsed(rendered(e)) == e);
}

TEST_CASE("a namespace written with references stays right while more are declared") {
    // The decoded URI is short and the declarations that follow grow the parser's table of
    // bindings (a fuzzer found a view into it that dangled after the table moved).
    Element e = parsed(
        "<a xmlns='urn:&#x61;'><b xmlns:p='urn:p' xmlns:q='urn:q' xmlns:r='urn:r' xmlns:s='urn:s'>"
        "<c/><p:d/></b></a>");
    CHECK(e.ns == "urn:a");
    REQUIRE(e.children.size() == 1);
    REQUIRE(e.children[0].children.size() == 2);
    CHECK(e.children[0].children[0].ns == "urn:a");
    CHECK(e.children[0].children[1].ns == "urn:p");
}

TEST_CASE("an element without namespace inside one with a namespace gets xmlns=''") {
    Element outer("a", "urn:x");
    outer.add_child("b", "");
    CHECK(rendered(outer) == "<a xmlns=\"urn:x\"><b xmlns=\"\"/></a>");
    CHECK(parsed(rendered(outer)) == outer);
}

TEST_CASE("bad XML is refused with a message saying where") {
    CHECK(parse_error("<a><b></a>").find("XML line 1 column") != std::string::npos);
    CHECK(parse_error("") == "XML line 1 column 1: no element found");
    CHECK(parse_error("<a/><b/>").find("junk after document element") != std::string::npos);
    CHECK(parse_error("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>") == "XML line 1 column 1: a DOCTYPE is not allowed");
    CHECK(parse_error("<a>&x;</a>") == "XML line 1 column 4: undefined entity");
    CHECK(parse_error("<a\n  b='1'\n  b='2'/>") == "XML line 3 column 3: duplicate attribute");
    CHECK(parse_error("<p:a/>") == "XML line 1 column 5: unbound prefix");
    CHECK(parse_error("<?xml version='1.0' encoding='ISO-8859-1'?><a/>") == "XML line 1 column 44: only UTF-8 is accepted");
    CHECK(parse_error("<caf\xc3\xa9/>") == "XML line 1 column 5: names must be ASCII");
    CHECK(parse_error("<a xmlns:p='urn:p' p:x='1'/>") == "XML: attribute 'x' in namespace 'urn:p' is not supported");
    CHECK(parse_error("<a>\x01</a>").find("not well-formed") != std::string::npos);
    CHECK(parse_error(std::string("<a>\0</a>", 8)).find("XML line 1") != std::string::npos);
    CHECK(parse_error("<a>\xff</a>").find("XML line 1") != std::string::npos);
}

TEST_CASE("XML limits: depth, element count, attribute and input size") {
    std::string deep;
    for (std::size_t i = 0; i <= limits::max_xml_depth; ++i) deep += "<a>";
    CHECK(parse_error(deep).find("elements nested deeper than the limit") != std::string::npos);

    std::string many = "<a>";
    for (std::size_t i = 0; i < limits::max_xml_elements; ++i) many += "<b/>";
    many += "</a>";
    CHECK(parse_error(many).find("more elements than the limit") != std::string::npos);

    CHECK(parse_error("<a v='" + std::string(limits::max_value_bytes + 1, 'x') + "'/>").find("attribute is longer than the limit") !=
          std::string::npos);
    CHECK(parse_error("<a>" + std::string(limits::max_value_bytes + 1, 'x') + "</a>").find("text is longer than the limit") !=
          std::string::npos);
    std::string attributes = "<a";
    for (std::size_t i = 0; i <= limits::max_xml_attributes; ++i) attributes += " a" + std::to_string(i) + "='1'";
    CHECK(parse_error(attributes + "/>") == "XML: element 'a' has more attributes than the limit");
    CHECK(parse_error("<a>" + std::string(limits::max_text_bytes, 'x') + "</a>") == "XML text is longer than the limit");
}

TEST_CASE("values XML cannot carry are refused when rendering") {
    Element e("x", "");
    e.set_attribute("v", std::string("a\0b", 3));
    CHECK(render_xml(e).error() == "<x> attribute 'v': contains a character XML cannot carry");
    Element bad_utf8("x", "");
    bad_utf8.text = "\xc3\x28";
    CHECK(render_xml(bad_utf8).error() == "<x> text: contains a character XML cannot carry");
    Element bad_name("two words", "");
    CHECK(render_xml(bad_name).error() == "element name 'two words' is not an XML name");
    Element conflicting("x", "urn:a");
    conflicting.set_attribute("xmlns", "urn:b");
    CHECK(render_xml(conflicting).error() == "element <x>: xmlns attribute differs from its namespace");
}
