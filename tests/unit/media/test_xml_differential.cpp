// The library's XML parser agrees with expat on the corpus and on the corner cases of XML.
#include <doctest/doctest.h>

#include <string>

#include "media/fuzz/xml_agreement.hpp"
#include "media/xml.hpp"
#include "support/corpus.hpp"

using gw::media::fuzz::xml_disagreement;
using namespace gw::media::test;

TEST_CASE("every Jingle sample parses exactly as expat parses it") {
    for (const auto& path : corpus("jingle", ".xml")) {
        INFO(path.filename().string());
        const std::string text = read_file(path);
        CHECK(gw::media::parse_xml(text).ok());
        CHECK(xml_disagreement(text) == "");
    }
}

TEST_CASE("XML inputs the fuzzer found keep both parsers in agreement") {
    for (const auto& path : corpus("regressions", ".xml")) {
        INFO(path.filename().string());
        CHECK(xml_disagreement(read_file(path)) == "");
    }
}

TEST_CASE("corner cases of XML: both parsers agree") {
    const char* cases[] = {
        "<a/>", "<a></a>", " \n<a/>\n ", "\xEF\xBB\xBF<a/>", "<?xml version='1.0'?><a/>",
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone='yes' ?>\n<a/>", "<?xml version='1.0'?>",
        "<?xml version='1.0'?><?pi data?><!-- c --><a/><!-- after --><?pi?>", " <?xml version='1.0'?><a/>",
        "<a><?xml version='1.0'?></a>", "<a>x]]>y</a>", "<a>x]]y</a>", "<a><![CDATA[ <b> & ]]> ]]></a>",
        "<a><![CDATA[x</a>", "<a><!-- x -- y --></a>", "<a><!--->--></a>", "<a><!----></a>",
        "<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#x1F600;</a>", "<a>&#0;</a>", "<a>&#xD800;</a>", "<a>&#xFFFE;</a>",
        "<a>&#x110000;</a>", "<a>&#;</a>", "<a>&#x;</a>", "<a>&nbsp;</a>", "<a>&amp</a>", "<a>& b</a>",
        "<a b='1' b='2'/>", "<a b='1'c='2'/>", "<a b = \"1\" c\t=\n'2'/>", "<a b='<'/>", "<a b='>'/>",
        "<a b='x\r\ny\tz&#10;w'/>", "<a>line\r\nend\rcr</a>", "<a b='\"' c=\"'\"/>", "<a b=1/>", "<a b/>",
        "<a></b>", "<a><b></a></b>", "<a>", "</a>", "<a/><a/>", "<a/>x", "x<a/>", "<a/><!DOCTYPE a>",
        "<!DOCTYPE a><a/>", "<a xmlns='urn:x'><b/></a>", "<p:a xmlns:p='urn:p'><p:b/><c/></p:a>",
        "<p:a/>", "<a xmlns:p=''/>", "<a xmlns:xml='urn:x'/>", "<a xmlns:xmlns='urn:x'/>",
        "<a xmlns:p='urn:p' xmlns:q='urn:p' p:x='1' q:x='2'/>", "<a xml:lang='en'/>", "<a:b:c xmlns:a='u'/>",
        "<:a/>", "<a xmlns=''><b xmlns='urn:b'><c xmlns=''/></b></a>", "<a\xC3\xA9/>", "<\xC3\xA9/>",
        "<a>\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80</a>", "<a>\xC3</a>", "<a>\xED\xA0\x80</a>", "<a>\xEF\xBF\xBE</a>",
        "<a>\x7F</a>", "<a>\x01</a>", "<a b='\x01'/>", "<a><!x></a>", "<a><?pi x?y?></a>", "<a><?p:i?></a>",
        "<?XML version='1.0'?><a/>", "<?xml version='2.0'?><a/>", "<?xml encoding='UTF-8'?><a/>",
        "<?xml version='1.0' standalone='maybe'?><a/>", "<?xml version='1.0' encoding='latin1'?><a/>",
        "<a xmlns='http://www.w3.org/XML/1998/namespace'/>", "<a xmlns:p='http://www.w3.org/2000/xmlns/'/>",
        "<a.b-c_d/>", "<-a/>", "<1a/>", "<a\n/>", "< a/>", "<a/ >", "<a></a >", "<a></ a>",
        "<a xmlns='urn:&#x61;'><b xmlns:p='urn:p' xmlns:q='urn:q' xmlns:r='u&amp;r'><c/><p:d/><q:e/></b></a>",
    };
    for (const char* text : cases) {
        CAPTURE(text);
        CHECK(xml_disagreement(text) == "");
    }
}
