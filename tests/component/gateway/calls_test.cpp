// The call service through a real component link, with a recording stand-in for the SIP user
// agent: what the SIP side is asked to do, and what the user's client sees, for the cases a real
// SIP peer cannot produce on demand (trickle ICE over INFO, the candidate wait, limits, bad input).
#include "tests/component/gateway/bridge_rig.hpp"

using namespace gw;
using namespace std::chrono_literals;
using Rig = test::BridgeRig;
using test::contains;

namespace {

const std::string kAlice = "alice@example.org/phone";

void add_alice(Rig& rig) {
    store::SipAccount account;
    account.jid = "alice@example.org";
    account.sip_user = "alice";
    account.sip_domain = "sip.example.com";
    account.password = "s3cret";
    account.contact_token = "tok-alice";
    rig.store->upsert(account);
}

std::string ice_initiate(const std::string& sid, bool with_candidate) {
    return "<iq type='set' id='i-" + sid + "' from='" + kAlice + "' to='bob%example.com@sip.test'>"
           "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='" + sid + "' initiator='" + kAlice + "'>"
           "<content creator='initiator' name='0' senders='both'>"
           "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
           "<payload-type id='111' name='opus' clockrate='48000' channels='2'/></description>"
           "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='uf1' pwd='pwd-that-is-long-enough'>" +
           std::string(with_candidate ? "<candidate component='1' foundation='1' generation='0' id='k1' "
                                        "ip='192.0.2.10' port='50000' priority='2130706431' protocol='udp' type='host'/>"
                                      : "") +
           "</transport></content></jingle></iq>";
}

std::string transport_info(const std::string& sid, const std::string& ip, int port) {
    return "<iq type='set' id='t-" + ip + "' from='" + kAlice + "' to='bob%example.com@sip.test'>"
           "<jingle xmlns='urn:xmpp:jingle:1' action='transport-info' sid='" + sid + "' initiator='" + kAlice + "'>"
           "<content creator='initiator' name='0'>"
           "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='uf1' pwd='pwd-that-is-long-enough'>"
           "<candidate component='1' foundation='2' generation='0' id='k-" + ip + "' ip='" + ip + "' port='" +
           std::to_string(port) + "' priority='1694498815' protocol='udp' type='srflx' rel-addr='192.0.2.10' "
           "rel-port='50000'/></transport></content></jingle></iq>";
}

}  // namespace

TEST_CASE("an ICE offer without candidates waits for trickled ones, then INVITEs with them") {
    Rig rig;
    add_alice(rig);
    auto ack = rig.ask(ice_initiate("w1", false), "id=\"i-w1\"");
    CHECK(contains(ack, "type=\"result\""));
    rig.server.send(transport_info("w1", "198.51.100.4", 40001));
    REQUIRE(rig.until([&] { return rig.sip.invites.size() == 1; }));
    const sip::OutgoingCall& invite = rig.sip.invites.begin()->second;
    CHECK(invite.to == "sip:bob@example.com");
    CHECK(invite.from == "sip:alice@sip.example.com");
    CHECK(invite.contact_user == "tok-alice");
    CHECK(invite.password == "s3cret");
    CHECK(contains(invite.sdp, "a=candidate:2 1 udp 1694498815 198.51.100.4 40001 typ srflx"));
    CHECK(contains(invite.sdp, "m=audio 40001 RTP/AVP 111"));  // the srflx candidate is the default
    CHECK(contains(invite.sdp, "a=ice-ufrag:uf1"));
}

TEST_CASE("late candidates go to a trickle-ICE peer as INFO; its INFO comes back as transport-info") {
    Rig rig;
    add_alice(rig);
    rig.ask(ice_initiate("t1", true), "id=\"i-t1\"");
    REQUIRE(rig.until([&] { return rig.sip.invites.size() == 1; }));
    const sip::CallLegId leg = rig.sip.invites.begin()->first;
    sip::SipResponse ringing{180, "Ringing", {}, false, true};
    rig.bridge->on_call_progress(leg, ringing);
    REQUIRE(rig.until([&] { return contains(rig.server.received(), "<ringing"); }));

    rig.server.send(transport_info("t1", "203.0.113.9", 40009));
    REQUIRE(rig.until([&] { return rig.sip.infos.size() == 1; }));
    CHECK(contains(rig.sip.infos[0].second, "a=candidate:2 1 udp 1694498815 203.0.113.9 40009 typ srflx"));
    CHECK(contains(rig.sip.infos[0].second, "a=ice-ufrag:uf1"));

    rig.server.clear_received();
    rig.bridge->on_call_info(leg, "application/trickle-ice-sdpfrag",
                             "a=ice-options:trickle\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n"
                             "a=ice-ufrag:peer\r\na=ice-pwd:peer-password-long-enough\r\n"
                             "a=candidate:7 1 udp 2122260223 192.0.2.77 6000 typ host\r\n");
    REQUIRE(rig.until([&] { return contains(rig.server.received(), "transport-info"); }));
    const std::string sent = rig.server.received();
    CHECK(contains(sent, "to=\"" + kAlice + "\""));
    CHECK(contains(sent, "ip=\"192.0.2.77\""));
    CHECK(contains(sent, "ufrag=\"peer\""));

    rig.bridge->on_call_ended(leg, sip::CallEnd{486, "Busy Here", "rejected", true, false});
    REQUIRE(rig.until([&] { return contains(rig.server.received(), "session-terminate"); }));
    CHECK(rig.bridge->calls().size() == 0);
}

TEST_CASE("late candidates for a peer without trickle ICE are dropped, not sent") {
    Rig rig;
    add_alice(rig);
    rig.ask(ice_initiate("d1", true), "id=\"i-d1\"");
    REQUIRE(rig.until([&] { return rig.sip.invites.size() == 1; }));
    auto ack = rig.ask(transport_info("d1", "203.0.113.9", 40009), "id=\"t-203.0.113.9\"");
    CHECK(contains(ack, "type=\"result\""));
    rig.settle();
    CHECK(rig.sip.infos.empty());
}

TEST_CASE("a session-initiate from a user without an account, or to no SIP address, is refused") {
    Rig rig;
    auto unknown = rig.ask(ice_initiate("u1", true), "id=\"i-u1\"");
    CHECK(contains(unknown, "type=\"error\""));
    CHECK(contains(unknown, "registration-required"));
    add_alice(rig);
    auto bad = rig.ask("<iq type='set' id='b1' from='" + kAlice + "' to='sip.test'>"
                       "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='b1'/></iq>", "id=\"b1\"");
    CHECK(contains(bad, "bad-request"));
    auto no_sid = rig.ask("<iq type='set' id='b2' from='" + kAlice + "' to='bob%example.com@sip.test'>"
                          "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate'/></iq>", "id=\"b2\"");
    CHECK(contains(no_sid, "bad-request"));
    CHECK(rig.sip.invites.empty());
    CHECK(rig.bridge->calls().size() == 0);
}

TEST_CASE("an INVITE for a token nobody has gets 404; for an offline user 480") {
    Rig rig;
    add_alice(rig);
    sip::InviteRequest invite;
    invite.request_uri = "sip:nobody@127.0.0.1:5060";
    invite.from = "sip:carol@example.org";
    invite.sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                 "m=audio 4000 RTP/AVP 0\r\n";
    rig.bridge->on_incoming_call(1, invite);
    invite.request_uri = "sip:tok-alice@127.0.0.1:5060";
    rig.bridge->on_incoming_call(2, invite);
    REQUIRE(rig.sip.responses.size() == 2);
    CHECK(rig.sip.responses[0].status == 404);
    CHECK(rig.sip.responses[1].status == 480);
    CHECK(rig.bridge->calls().size() == 0);
}

namespace {

// alice online, with an incoming call ringing her client: the session-initiate it got.
std::string ring_alice(Rig& rig) {
    add_alice(rig);
    rig.server.send("<presence from='" + kAlice + "' to='sip.test'/>");
    REQUIRE(rig.until([&] { return rig.registrar.registered.size() == 1; }));
    sip::InviteRequest invite;
    invite.request_uri = "sip:tok-alice@127.0.0.1:5060";
    invite.from = "sip:carol@example.org";
    invite.call_id = "in-1";
    invite.sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                 "m=audio 4000 RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\na=ice-ufrag:peer\r\n"
                 "a=ice-pwd:peer-password-long-enough\r\na=fingerprint:sha-256 "
                 "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89\r\n"
                 "a=setup:actpass\r\na=candidate:1 1 udp 2130706431 192.0.2.1 4000 typ host\r\n";
    rig.server.clear_received();
    rig.bridge->on_incoming_call(7, invite);
    REQUIRE(rig.until([&] { return contains(rig.server.received(), "session-initiate"); }));
    const std::string sent = rig.server.received();
    const auto at = sent.find("sid=\"") + 5;
    return sent.substr(at, sent.find('"', at) - at);
}

std::string trickling_accept(const std::string& sid) {
    return "<iq type='set' id='acc' from='" + kAlice + "' to='carol%example.org@sip.test/sip'>"
           "<jingle xmlns='urn:xmpp:jingle:1' action='session-accept' sid='" + sid + "'>"
           "<content creator='initiator' name='audio'>"
           "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
           "<payload-type id='111' name='opus' clockrate='48000' channels='2'/></description>"
           "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='uf2' pwd='pwd-that-is-long-enough'>"
           "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='active'>"
           "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"
           "</fingerprint></transport></content></jingle></iq>";
}

std::string accept_candidate(const std::string& sid, bool complete) {
    return "<iq type='set' id='ti' from='" + kAlice + "' to='carol%example.org@sip.test/sip'>"
           "<jingle xmlns='urn:xmpp:jingle:1' action='transport-info' sid='" + sid + "'>"
           "<content creator='initiator' name='audio'>"
           "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='uf2' pwd='pwd-that-is-long-enough'>"
           "<candidate component='1' foundation='3' generation='0' id='x1' ip='198.51.100.20' port='41000' "
           "priority='2130706431' protocol='udp' type='host'/>" +
           std::string(complete ? "<gathering-complete/>" : "") + "</transport></content></jingle></iq>";
}

}  // namespace

TEST_CASE("a session-accept without candidates waits for trickled ones before the 200") {
    Rig rig;
    const std::string sid = ring_alice(rig);
    auto ack = rig.ask(trickling_accept(sid), "id=\"acc\"");
    CHECK(contains(ack, "type=\"result\""));
    rig.server.send(accept_candidate(sid, false));
    REQUIRE(rig.until([&] {
        for (const auto& r : rig.sip.responses) if (r.status == 200) return true;
        return false;
    }));
    std::string answer;
    for (const auto& r : rig.sip.responses) if (r.status == 200) answer = r.sdp;
    CHECK(contains(answer, "a=candidate:3 1 udp 2130706431 198.51.100.20 41000 typ host"));
    CHECK(contains(answer, "c=IN IP4 198.51.100.20"));
}

TEST_CASE("<gathering-complete/> ends the candidate wait at once") {
    BridgeOptions options = Rig::default_options();
    options.calls.candidate_wait_s = 30;  // only the signal can end it within the test
    Rig rig(options);
    const std::string sid = ring_alice(rig);
    rig.ask(trickling_accept(sid), "id=\"acc\"");
    rig.server.send(accept_candidate(sid, true));
    REQUIRE(rig.until([&] {
        for (const auto& r : rig.sip.responses) if (r.status == 200) return true;
        return false;
    }, 3s));
}
