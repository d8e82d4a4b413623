// Unit tests of xsg-load's own logic (meson suite "loadtest"): the stream reader, the readings
// of the gateway's answers, pacing, percentiles, JSON, and sipp's files. No processes started.
#include "loadtest/check.hpp"
#include "loadtest/caps.hpp"
#include "loadtest/calls.hpp"
#include "loadtest/json.hpp"
#include "loadtest/load_kamailio.hpp"
#include "loadtest/metrics_client.hpp"
#include "loadtest/schedule.hpp"
#include "loadtest/sip_answer_text.hpp"
#include "loadtest/sipp_caller.hpp"
#include "loadtest/stats.hpp"
#include "loadtest/users.hpp"
#include "loadtest/xml.hpp"
#include "tests/rig/kamailio_config.hpp"
#include "tests/rig/temp_dir.hpp"
#include "tests/rig/text_file.hpp"

#include <strophe.h>

#include <cmath>
#include <stdexcept>
#include <cstdio>
#include <string>
#include <vector>

using namespace gw::load;

namespace {

Element parse_one(const std::string& xml) {
    std::vector<Element> got;
    XmlStreamReader reader({.stream_open = {}, .stanza = [&](Element&& e) { got.push_back(std::move(e)); },
                            .stream_close = {}, .error = {}});
    reader.feed("<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'>");
    reader.feed(xml);
    return got.empty() ? Element{} : got.front();
}

void stream_reader() {
    std::vector<Element> stanzas;
    std::string header_to, error;
    bool closed = false;
    XmlStreamReader reader({
        .stream_open = [&](const Element& h) { header_to = h.attr("to"); },
        .stanza = [&](Element&& e) { stanzas.push_back(std::move(e)); },
        .stream_close = [&] { closed = true; },
        .error = [&](const std::string& e) { error = e; },
    });
    const std::string text =
        "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
        "xmlns:stream='http://etherx.jabber.org/streams' to='sip.load.test'>"
        "<handshake>abc</handshake><presence from='a' to='user3@load.test'><status>registered &amp; ok</status>"
        "</presence><iq type='set' id='x'><jingle xmlns='urn:xmpp:jingle:1' sid='s1'/></iq></stream:stream>";
    // Byte by byte: stanzas arrive whole however the TCP stream is cut.
    for (char c : text) CHECK(reader.feed(std::string_view(&c, 1)));
    CHECK(header_to == "sip.load.test");
    CHECK(stanzas.size() == 3);
    if (stanzas.size() == 3) {
        CHECK(stanzas[0].name == "handshake" && stanzas[0].text == "abc");
        CHECK(stanzas[1].child("status") != nullptr && stanzas[1].child("status")->text == "registered & ok");
        CHECK(stanzas[2].child("jingle", "urn:xmpp:jingle:1") != nullptr);
        CHECK(stanzas[2].child("jingle", "other") == nullptr);
        CHECK(stanzas[2].attr("missing").empty());
    }
    CHECK(closed);
    CHECK(error.empty());

    XmlStreamReader broken({.stream_open = {}, .stanza = {}, .stream_close = {},
                            .error = [&](const std::string& e) { error = e; }});
    CHECK(!broken.feed("<stream:stream><a></b>"));
    CHECK(!error.empty());
    CHECK(!broken.feed("<c/>"));  // stays broken
}

void escaping() {
    CHECK(escape("a<b>&'\"") == "a&lt;b&gt;&amp;&apos;&quot;");
    CHECK(escape("plain") == "plain");
}

void addresses_and_causes() {
    CHECK(user_of("user17@load.test") == 17u);
    CHECK(user_of("user17@load.test/load") == 17u);
    CHECK(user_of("user0@load.test") == 0u);
    CHECK(!user_of("user17@load.testx"));
    CHECK(!user_of("user@load.test"));
    CHECK(!user_of("bob%127.0.0.1@sip.load.test"));
    CHECK(!user_of("user17@other.test"));
    CHECK(registration_failure_cause("SIP registration failed: 403 Forbidden; retrying in 30 s") == "sip-403");
    CHECK(registration_failure_cause("SIP registration failed: registrar unreachable") == "registration-failed");

    CHECK(terminate_cause(parse_one("<jingle xmlns='urn:xmpp:jingle:1'><reason><busy/><text>486 Busy Here</text>"
                                    "<sip-status xmlns='urn:xmpp-sip-gateway:0' code='486'/></reason></jingle>")) ==
          "sip-486");
    CHECK(terminate_cause(parse_one("<jingle xmlns='urn:xmpp:jingle:1'><reason><general-error/>"
                                    "<text>limit</text></reason></jingle>")) == "jingle-general-error");
    CHECK(terminate_cause(parse_one("<jingle xmlns='urn:xmpp:jingle:1'/>")) == "jingle-no-reason");
}

void pacing() {
    Schedule fixed({.rate = 100, .ramp_step = 0, .ramp_interval_s = 5, .max_rate = 1000, .count = 250, .duration_s = 0});
    fixed.start(0);
    CHECK(fixed.due(0) == 1);
    CHECK(fixed.due(1'000'000) == 101);
    CHECK(fixed.due(10'000'000) == 250);  // never beyond the count
    CHECK(!fixed.over(1'000'000, 101));
    CHECK(fixed.over(1'000'000, 250));

    Schedule ramp({.rate = 10, .ramp_step = 10, .ramp_interval_s = 2, .max_rate = 30, .count = 0, .duration_s = 60});
    ramp.start(0);
    CHECK(ramp.step(1'000'000) == 0 && ramp.step(2'000'000) == 1 && ramp.step(5'000'000) == 2);
    CHECK(ramp.step_rate(0) == 10 && ramp.step_rate(1) == 20 && ramp.step_rate(2) == 30 && ramp.step_rate(9) == 30);
    // 2 s at 10/s, 2 s at 20/s, then 1 s at 30/s: 90 operations (+1: the first starts at once).
    CHECK(ramp.due(5'000'000) == 91);
    CHECK(!ramp.over(5'000'000, 91));
    ramp.stop();
    CHECK(ramp.over(5'000'000, 91));
    Schedule bounded(ramp.options());
    bounded.start(0);
    CHECK(!bounded.over(59'000'000, 0) && bounded.over(60'000'000, 0));
}

void percentiles() {
    LatencySamples samples;
    CHECK(samples.percentiles().count == 0 && samples.percentiles().max_ms == 0);
    for (int i = 100; i >= 1; --i) samples.add(i * 1000);  // 1 .. 100 ms, in any order
    const Percentiles p = samples.percentiles();
    CHECK(p.count == 100);
    CHECK(p.p50_ms == 50 && p.p95_ms == 95 && p.p99_ms == 99 && p.max_ms == 100);

    Tallies t;
    t.attempt(0), t.attempt(1), t.attempt(1);
    t.success(0), t.failure(1, "sip-503");
    CHECK(t.total().attempts == 3 && t.outcomes() == 2 && t.in_flight() == 1);
    CHECK(t.steps().size() == 2 && t.steps()[1].causes.at("sip-503") == 1);
}

void json_round_trip() {
    JsonWriter w;
    w.begin_object().value("mode", "logins \"quoted\"\n").value("n", std::uint64_t{42}).value("x", 1.5);
    w.begin_object("empty").end_object();
    w.begin_array("notes").value("a").value("b").end_array();
    w.value("nan", std::nan(""));
    w.end_object();
    std::string error;
    const auto v = parse_json(w.text(), &error);
    CHECK(v.has_value());
    if (v) {
        CHECK(v->get("mode") && v->get("mode")->string == "logins \"quoted\"\n");
        CHECK(v->get("n") && v->get("n")->number == 42);
        CHECK(v->get("x") && v->get("x")->number == 1.5);
        CHECK(v->get("empty") && v->get("empty")->object.empty());
        CHECK(v->get("notes") && v->get("notes")->array.size() == 2);
        CHECK(v->get("nan") && v->get("nan")->kind == JsonValue::Kind::null);
    }
    CHECK(!parse_json("{\"a\": 1,}"));
    CHECK(!parse_json("{\"a\": 1} x"));
    CHECK(!parse_json("[1, 2"));
    CHECK(parse_json(" [true, false, null, -1.5e3, \"\\u00e9\"] ").has_value());
}

void prometheus() {
    const MetricValues m = parse_prometheus("# HELP xsg_calls_active x\n# TYPE xsg_calls_active gauge\n"
                                            "xsg_calls_active 3\nxsg_call_legs 0\nbroken\n");
    CHECK(metric(m, {"gateway_calls_active", "xsg_calls_active"}) == 3.0);
    CHECK(metric(m, {"xsg_call_legs"}) == 0.0);
    CHECK(!metric(m, {"nothing"}));
}

void caps() {
    // XEP-0115 section 5.2's example verification string.
    const std::string s = "client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<"
                          "http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<"
                          "http://jabber.org/protocol/muc<";
    unsigned char digest[XMPP_SHA1_DIGEST_SIZE];
    xmpp_sha1_digest(reinterpret_cast<const unsigned char*>(s.data()), s.size(), digest);
    CHECK(base64(digest, sizeof digest) == "QgayPKawpkPSDYmwT/WM94uAlu0=");
    const unsigned char two[] = {'h', 'i'};
    CHECK(base64(two, 2) == "aGk=");
    const ClientCaps with(true), without(false);
    CHECK(with.ver != without.ver);
    CHECK(with.disco_items().find("urn:xmpp:jingle-message:0") != std::string::npos);
    CHECK(without.disco_items().find("urn:xmpp:jingle-message:0") == std::string::npos);
}

void sipp_files() {
    gw::rig::TempDir dir("xsg-load-unit");
    gw::rig::write_text_file(dir.file("log"), "ok 100 250000 100 252500\nfail 503 101 0 101 1000\ncredentials x\n"
                                              "ok 102 0 102\n");
    const auto log = read_call_log(dir.file("log"));
    CHECK(log.size() == 2);
    if (log.size() == 2) {
        CHECK(log[0].ok && std::abs((log[0].final_s - log[0].invite_s) - 0.0025) < 1e-9);
        CHECK(!log[1].ok && log[1].code == 503);
    }
    gw::rig::write_text_file(dir.file("stat"), "StartTime;OutgoingCall(C);SuccessfulCall(C);FailedCall(C);CurrentCall;\n"
                                               "t;10;8;1;1;\nt;20;18;1;1;\nt;30;2");  // the last line is half written
    const SippStats stats = read_sipp_stats(dir.file("stat"));
    CHECK(stats.read && stats.outgoing == 20 && stats.successful == 18 && stats.failed == 1 && stats.current == 1);
}

void kamailio_for_load() {
    // Adapted from the rig's own text, so a change there that breaks the adaptation shows here.
    gw::rig::KamailioOptions with_users;
    with_users.users = {{"u0", "pw"}, {"u1", "pw"}};
    const std::string adapted =
        load_kamailio_config(gw::rig::kamailio_config_text(with_users, {.port = 5060, .ctl_address = "unix:/x"}));
    CHECK(adapted.find("debug=1\n") != std::string::npos && adapted.find("debug=2") == std::string::npos);
    CHECK(adapted.find("children=4\n") != std::string::npos);
    CHECK(adapted.find("users=>size=12;") != std::string::npos);
    const std::string no_auth =
        load_kamailio_config(gw::rig::kamailio_config_text({}, {.port = 5060, .ctl_address = "unix:/x"}));
    CHECK(no_auth.find("children=4\n") != std::string::npos);
    bool refused = false;
    try {
        load_kamailio_config("#!KAMAILIO\n");
    } catch (const std::runtime_error&) {
        refused = true;
    }
    CHECK(refused);
}


void builtin_callee_text() {
    const std::string invite =
        "INVITE sip:bob@127.0.0.1 SIP/2.0\r\n"
        "Via: SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bK1\r\n"
        "Route: <sip:127.0.0.1:6000;lr>\r\n"
        "f: <sip:u17@127.0.0.1>;tag=abc\r\n"
        "To: <sip:bob@127.0.0.1>\r\n"
        "Call-ID: c1@gw\r\n"
        "CSeq: 20 INVITE\r\n"
        "Contact: <sip:tok@127.0.0.1:5070>\r\n"
        "Content-Length: 0\r\n\r\n";
    const auto request = parse_sip_request(invite);
    CHECK(request && request->method == "INVITE" && request->call_id == "c1@gw" && request->from_user == "u17");
    const std::string ok = sip_response(invite, 200, "OK", "t9", "127.0.0.1:6000", true);
    CHECK(ok.rfind("SIP/2.0 200 OK\r\n", 0) == 0);
    CHECK(ok.find("Via: SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bK1\r\n") != std::string::npos);
    CHECK(ok.find("f: <sip:u17@127.0.0.1>;tag=abc\r\n") != std::string::npos);
    CHECK(ok.find("To: <sip:bob@127.0.0.1>;tag=t9\r\n") != std::string::npos);
    CHECK(ok.find("CSeq: 20 INVITE\r\n") != std::string::npos);
    CHECK(ok.find("Route:") == std::string::npos);
    CHECK(ok.find("Contact: <sip:bob@127.0.0.1:6000>\r\n") != std::string::npos);
    const std::size_t body = ok.find("\r\n\r\n");
    CHECK(body != std::string::npos && ok.find("m=audio 40000 RTP/AVP 0") > body);
    CHECK(ok.find("Content-Length: " + std::to_string(ok.size() - body - 4) + "\r\n") != std::string::npos);

    const std::string bye = "BYE sip:bob@127.0.0.1:6000 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK2\r\n"
                            "From: <sip:u17@127.0.0.1>;tag=abc\r\nTo: <sip:bob@127.0.0.1>;tag=t9\r\n"
                            "Call-ID: c1@gw\r\nCSeq: 21 BYE\r\n\r\n";
    const std::string bye_ok = sip_response(bye, 200, "OK", "other", "127.0.0.1:6000", false);
    CHECK(bye_ok.find("To: <sip:bob@127.0.0.1>;tag=t9\r\n") != std::string::npos);  // its tag kept
    CHECK(bye_ok.find("Content-Length: 0\r\n\r\n") != std::string::npos);

    const std::string reg = "REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK3\r\n"
                            "From: <sip:u3@127.0.0.1>;tag=r\r\nTo: <sip:u3@127.0.0.1>\r\nCall-ID: r1\r\n"
                            "CSeq: 1 REGISTER\r\nContact: <sip:tok3@127.0.0.1:5070>\r\nExpires: 600\r\n\r\n";
    const std::string granted = sip_response(reg, 200, "OK", "g", "127.0.0.1:6000", false);
    CHECK(granted.find("Contact: <sip:tok3@127.0.0.1:5070>;expires=3600\r\n") != std::string::npos);

    CHECK(!parse_sip_request("SIP/2.0 200 OK\r\nCall-ID: x\r\n\r\n"));  // a response
    CHECK(!parse_sip_request("INVITE sip:a SIP/2.0\r\nVia: x\r\n\r\n"));  // no Call-ID
    CHECK(!parse_sip_request(""));
}

}  // namespace

int main() {
    stream_reader();
    escaping();
    addresses_and_causes();
    pacing();
    percentiles();
    json_round_trip();
    prometheus();
    caps();
    sipp_files();
    kamailio_for_load();
    builtin_callee_text();
    if (check_failures() == 0) std::fprintf(stderr, "all passed\n");
    return check_failures() == 0 ? 0 : 1;
}
