// How an incoming call rings the user's clients, from their entity capabilities.
#include "gateway/client_caps.hpp"
#include "gateway/entity_caps.hpp"
#include "gateway/service_discovery.hpp"

#include <doctest/doctest.h>
#include <strophe.h>

#include <memory>

using namespace gw;

namespace {

struct Ctx {
    xmpp_ctx_t* ctx = xmpp_ctx_new(nullptr, nullptr);
    ~Ctx() { xmpp_ctx_free(ctx); }
};

// A disco#info <query/> with these features, and the caps string whose hash matches it.
std::pair<xmpp::Stanza, std::string> client(Ctx& c, const std::vector<std::string>& features, bool honest = true) {
    xmpp::Stanza query = xmpp::Stanza::create(c.ctx, "query");
    query.set_ns("http://jabber.org/protocol/disco#info");
    query.add_element("identity").set_attr("category", "client").set_attr("type", "phone");
    for (const std::string& f : features) query.add_element("feature").set_attr("var", f);
    DiscoInfo info;
    info.identities.push_back({"client", "phone", "", ""});
    info.features = features;
    if (!honest) info.features.push_back("urn:xmpp:jingle:apps:rtp:video");  // claimed, not answered
    return {query, "https://client.example#" + caps_verification(info)};
}

const std::vector<std::string> kAudio = {"urn:xmpp:jingle:1", "urn:xmpp:jingle:apps:rtp:1",
                                         "urn:xmpp:jingle:apps:rtp:audio"};

std::vector<std::string> with_jmi() {
    auto f = kAudio;
    f.push_back("urn:xmpp:jingle-message:0");
    return f;
}

}  // namespace

TEST_CASE("a capabilities string is asked about once, and learnt only when its hash matches") {
    Ctx c;
    CapsCache cache;
    auto [query, caps] = client(c, with_jmi());
    CHECK(cache.should_query(caps));
    CHECK_FALSE(cache.should_query(caps));  // pending
    CHECK(cache.learn(caps, query));
    REQUIRE(cache.find(caps) != nullptr);
    CHECK(cache.find(caps)->jmi);
    CHECK(cache.find(caps)->jingle_audio);
    CHECK_FALSE(cache.should_query(caps));  // known

    auto [lying, lying_caps] = client(c, kAudio, false);  // its answer does not match its hash
    CHECK(cache.should_query(lying_caps));
    CHECK_FALSE(cache.learn(lying_caps, lying));
    CHECK(cache.find(lying_caps) == nullptr);
    CHECK(cache.should_query(lying_caps));  // asked again on the next presence
    CHECK_FALSE(cache.should_query(""));
}

TEST_CASE("JMI when any client has it; else the best audio client; else an unknown one; else nobody") {
    Ctx c;
    CapsCache cache;
    auto [jmi_query, jmi] = client(c, with_jmi());
    auto [audio_query, audio] = client(c, kAudio);
    auto [chat_query, chat] = client(c, {"urn:xmpp:receipts"});
    REQUIRE(cache.learn(jmi, jmi_query));
    REQUIRE(cache.learn(audio, audio_query));
    REQUIRE(cache.learn(chat, chat_query));

    using R = OnlineResource;
    CHECK(plan_ringing({R{"a@x/p", {0, audio}}, R{"a@x/l", {0, jmi}}}, cache).kind == RingPlan::Kind::propose);
    RingPlan best = plan_ringing({R{"a@x/p", {1, audio}}, R{"a@x/l", {5, audio}}, R{"a@x/c", {9, chat}}}, cache);
    CHECK(best.kind == RingPlan::Kind::initiate);
    CHECK(best.resource == "a@x/l");
    RingPlan unknown = plan_ringing({R{"a@x/c", {9, chat}}, R{"a@x/old", {0, ""}}}, cache);
    CHECK(unknown.kind == RingPlan::Kind::initiate);
    CHECK(unknown.resource == "a@x/old");
    CHECK(plan_ringing({R{"a@x/c", {0, chat}}}, cache).kind == RingPlan::Kind::nobody);
    CHECK(plan_ringing({R{"a@x/l", {-1, jmi}}}, cache).kind == RingPlan::Kind::nobody);  // never rung
    CHECK(plan_ringing({}, cache).kind == RingPlan::Kind::nobody);
}
