// Every sample of tests/data makes the round trip through the other protocol and comes back with
// every mapped attribute (models are compared, not text).
#include <doctest/doctest.h>

#include <string>

#include "media/jingle_xml.hpp"
#include "media/translate.hpp"
#include "media/trickle.hpp"
#include "media/xml.hpp"
#include "support/corpus.hpp"
#include "support/jingle_normalize.hpp"
#include "support/sdp_view.hpp"

using namespace gw::media;
using namespace gw::media::test;

namespace {

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) out += line + "\n";
    return out;
}

std::string xml_of(const JingleSession& session) {
    auto element = render_jingle(session);
    if (!element) return "(" + element.error() + ")";
    auto text = render_xml(*element);
    return text ? *text : "(" + text.error() + ")";
}

// Model -> Element -> XML text -> Element -> model, as the session would travel.
JingleSession through_xml(const JingleSession& session) {
    auto element = render_jingle(session);
    REQUIRE_MESSAGE(element.ok(), element.error());
    auto text = render_xml(*element);
    REQUIRE_MESSAGE(text.ok(), text.error());
    auto reparsed = parse_xml(*text);
    REQUIRE_MESSAGE(reparsed.ok(), reparsed.error());
    auto back = parse_jingle(*reparsed);
    REQUIRE_MESSAGE(back.ok(), back.error());
    return *back;
}

SdpSession through_text(const SdpSession& sdp) {
    auto text = render_sdp(sdp);
    REQUIRE_MESSAGE(text.ok(), text.error());
    auto back = parse_sdp(*text);
    REQUIRE_MESSAGE(back.ok(), back.error());
    return *back;
}

JingleSession to_jingle(const SdpSession& sdp, Role writer, const JingleSession& like) {
    ToJingleOptions options;
    options.writer = writer;
    options.action = like.action;
    options.sid = like.sid;
    options.initiator = like.initiator;
    options.responder = like.responder;
    auto session = sdp_to_jingle(sdp, options);
    REQUIRE_MESSAGE(session.ok(), session.error());
    return *session;
}

SdpSession to_sdp(const JingleSession& session, Role writer) {
    ToSdpOptions options;
    options.writer = writer;
    options.origin.session_id = "4242";
    auto sdp = jingle_to_sdp(session, options);
    REQUIRE_MESSAGE(sdp.ok(), sdp.error());
    return *sdp;
}

Role jingle_writer(const JingleSession& session) {
    return session.action == "session-accept" ? Role::responder : Role::initiator;
}

}  // namespace

TEST_CASE("the corpus holds at least 40 real-world-format samples") {
    CHECK(corpus("sdp", ".sdp").size() + corpus("jingle", ".xml").size() >= 40);
}

TEST_CASE("SDP samples: SDP -> Jingle -> SDP keeps every mapped attribute") {
    for (const auto& path : corpus("sdp", ".sdp")) {
        INFO(path.filename().string());
        auto parsed = parse_sdp(read_file(path));
        REQUIRE_MESSAGE(parsed.ok(), parsed.error());
        const SdpSession& original = *parsed;
        CHECK(through_text(original) == original);

        const Role writer = sdp_writer(path);
        JingleSession like;
        like.action = sdp_action(path);
        like.sid = "corpus";
        const JingleSession jingle = to_jingle(original, writer, like);
        CHECK_FALSE(jingle.contents.empty());
        const JingleSession received = through_xml(jingle);
        CHECK_MESSAGE(received == jingle, xml_of(received));

        const SdpSession back = through_text(to_sdp(received, writer));
        const auto diff = differences(view_of(original), view_of(back));
        CHECK_MESSAGE(diff.empty(), joined(diff));

        // One trip settles everything: a second one changes nothing.
        const JingleSession again = to_jingle(back, writer, like);
        CHECK_MESSAGE(again == jingle, ("first:  " + xml_of(jingle) + "\nsecond: " + xml_of(again)));
    }
}

TEST_CASE("Jingle samples: Jingle -> SDP -> Jingle keeps every mapped element") {
    for (const auto& path : corpus("jingle", ".xml")) {
        INFO(path.filename().string());
        auto root = parse_xml(read_file(path));
        REQUIRE_MESSAGE(root.ok(), root.error());
        const Element* element = find_jingle(*root);
        REQUIRE(element != nullptr);
        auto parsed = parse_jingle(*element);
        REQUIRE_MESSAGE(parsed.ok(), parsed.error());
        const JingleSession& original = *parsed;
        CHECK(through_xml(original) == original);

        if (original.action == "transport-info") {
            auto fragment = transport_info_to_sdpfrag(original, nullptr);
            REQUIRE_MESSAGE(fragment.ok(), fragment.error());
            auto text = render_sdpfrag(*fragment);
            REQUIRE_MESSAGE(text.ok(), text.error());
            auto reparsed = parse_sdpfrag(*text);
            REQUIRE_MESSAGE(reparsed.ok(), reparsed.error());
            ToJingleOptions options;
            options.sid = original.sid;
            options.initiator = original.initiator;
            options.responder = original.responder;
            auto back = sdpfrag_to_transport_info(*reparsed, nullptr, options);
            REQUIRE_MESSAGE(back.ok(), back.error());
            CHECK_MESSAGE(normalize(*back) == normalize(original), xml_of(*back));
            continue;
        }

        const Role writer = jingle_writer(original);
        const SdpSession sdp = through_text(to_sdp(original, writer));
        const JingleSession back = through_xml(to_jingle(sdp, writer, original));
        CHECK_MESSAGE(normalize(back) == normalize(original),
                      ("before: " + xml_of(normalize(original)) + "\nafter:  " + xml_of(normalize(back))));

        // One trip settles everything: the second SDP is the first one.
        const SdpSession again = through_text(to_sdp(back, writer));
        CHECK(render_sdp(again).value() == render_sdp(sdp).value());
    }
}

TEST_CASE("sdpfrag samples parse, render and parse to the same fragment") {
    for (const auto& path : corpus("sdpfrag", ".sdpfrag")) {
        INFO(path.filename().string());
        auto fragment = parse_sdpfrag(read_file(path));
        REQUIRE_MESSAGE(fragment.ok(), fragment.error());
        CHECK_FALSE(fragment->media.empty());
        auto text = render_sdpfrag(*fragment);
        REQUIRE_MESSAGE(text.ok(), text.error());
        auto again = parse_sdpfrag(*text);
        REQUIRE_MESSAGE(again.ok(), again.error());
        CHECK(*again == *fragment);
    }
}

TEST_CASE("fuzzer regressions still parse or fail cleanly") {
    for (const auto& path : corpus("regressions", "")) {
        INFO(path.filename().string());
        const std::string text = read_file(path);
        if (auto sdp = parse_sdp(text)) {
            ToJingleOptions options;
            options.sid = "regression";
            if (auto jingle = sdp_to_jingle(*sdp, options)) (void)render_jingle(*jingle);
        }
        if (auto root = parse_xml(text))
            if (const Element* jingle = find_jingle(*root))
                if (auto session = parse_jingle(*jingle)) (void)jingle_to_sdp(*session, ToSdpOptions{});
        CHECK(true);  // reaching this line without a crash is the regression check
    }
}

TEST_CASE("the round-trip comparison notices every kind of loss") {
    const SdpSession original = *parse_sdp(read_file(data_dir() / "sdp" / "chrome-audio-video-offer-full.sdp"));
    const SdpView before = view_of(original);
    CHECK(differences(before, before).empty());
    const char* dropped[] = {"fingerprint", "setup", "ice-ufrag", "candidate", "fmtp", "rtcp-fb", "extmap",
                             "rtcp-mux", "ssrc", "ssrc-group", "mid", "rtcp-rsize", "rtpmap"};
    for (const std::string name : dropped) {
        CAPTURE(name);
        SdpSession damaged = original;
        auto& attributes = damaged.media[1].attributes;
        for (auto it = attributes.begin(); it != attributes.end(); ++it) {
            if (it->name == name) {
                attributes.erase(it);
                break;
            }
        }
        CHECK_FALSE(differences(before, view_of(damaged)).empty());
    }
    SdpSession held = original;
    for (auto& a : held.media[1].attributes)
        if (a.name == "sendrecv") a.name = "sendonly";
    CHECK_FALSE(differences(before, view_of(held)).empty());
    SdpSession ungrouped = original;
    ungrouped.attributes.erase(ungrouped.attributes.begin());
    CHECK_FALSE(differences(before, view_of(ungrouped)).empty());

    auto jingle = parse_jingle(*find_jingle(*parse_xml(read_file(data_dir() / "jingle" / "conversations-video-initiate.xml"))));
    REQUIRE(jingle.ok());
    JingleSession lost = *jingle;
    std::get<IceUdpTransport>(lost.contents[0].transport).candidates.clear();
    CHECK_FALSE(normalize(lost) == normalize(*jingle));
    lost = *jingle;
    lost.contents[1].description->payload_types[2].parameters.pop_back();
    CHECK_FALSE(normalize(lost) == normalize(*jingle));
}
