#include "loadtest/floor_samples.hpp"

#include <deque>
#include <string>

namespace gw::load::samples {
namespace {

constexpr std::string_view kPresenceIn =
    "<presence from='user17@load.test/load' to='sip.load.test'><c xmlns='http://jabber.org/protocol/caps' "
    "hash='sha-1' node='https://xsg-load.invalid/client' ver='q07IKJEyjvHSyhy//CH0CxmKi8w='/>"
    "<priority>1</priority></presence>";
constexpr std::string_view kRegistering =
    "<presence from='sip.load.test' to='user17@load.test'><show>away</show>"
    "<status>registering as u17@127.0.0.1</status></presence>";
constexpr std::string_view kRegistered =
    "<presence from='sip.load.test' to='user17@load.test'><status>registered as u17@127.0.0.1</status></presence>";

constexpr std::string_view kRegister =
    "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:24816;rport;branch=z9hG4bKcyQ5K8Dm04Sjg\r\n"
    "Route: <sip:127.0.0.1:25160;lr>\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:u17@127.0.0.1>;tag=9Ft4U0ryQ8vSg\r\n"
    "To: <sip:u17@127.0.0.1>\r\n"
    "Call-ID: 5c1f9d1e-7a43-123d-3e0a-5254001b2c3d\r\n"
    "CSeq: 77051232 REGISTER\r\n"
    "Contact: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>\r\n"
    "Expires: 3600\r\n"
    "User-Agent: xmpp-sip-gateway\r\n"
    "Supported: timer, 100rel, path\r\n"
    "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, MESSAGE, SUBSCRIBE, NOTIFY, REFER, UPDATE\r\n"
    "Content-Length: 0\r\n\r\n";
constexpr std::string_view k401 =
    "SIP/2.0 401 Unauthorized\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:24816;rport;branch=z9hG4bKcyQ5K8Dm04Sjg\r\n"
    "From: <sip:u17@127.0.0.1>;tag=9Ft4U0ryQ8vSg\r\n"
    "To: <sip:u17@127.0.0.1>;tag=40213SIPpTag01431\r\n"
    "Call-ID: 5c1f9d1e-7a43-123d-3e0a-5254001b2c3d\r\n"
    "CSeq: 77051232 REGISTER\r\n"
    "WWW-Authenticate: Digest realm=\"load.test\", nonce=\"4021343142791\", algorithm=MD5, qop=\"auth\"\r\n"
    "Content-Length: 0\r\n\r\n";
constexpr std::string_view kRegisterAuth =
    "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:24816;rport;branch=z9hG4bKSv1XNt6p0F4mQ\r\n"
    "Route: <sip:127.0.0.1:25160;lr>\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:u17@127.0.0.1>;tag=9Ft4U0ryQ8vSg\r\n"
    "To: <sip:u17@127.0.0.1>\r\n"
    "Call-ID: 5c1f9d1e-7a43-123d-3e0a-5254001b2c3d\r\n"
    "CSeq: 77051233 REGISTER\r\n"
    "Contact: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>\r\n"
    "Expires: 3600\r\n"
    "User-Agent: xmpp-sip-gateway\r\n"
    "Supported: timer, 100rel, path\r\n"
    "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, MESSAGE, SUBSCRIBE, NOTIFY, REFER, UPDATE\r\n"
    "Authorization: Digest username=\"u17\", realm=\"load.test\", nonce=\"4021343142791\", algorithm=MD5, "
    "uri=\"sip:127.0.0.1\", response=\"8a0d1c1b0e3f64a5e2d8c1b0a9f7e6d5\", qop=auth, nc=00000001, "
    "cnonce=\"uPf0GsXh3Y8\"\r\n"
    "Content-Length: 0\r\n\r\n";
constexpr std::string_view k200Register =
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:24816;rport;branch=z9hG4bKSv1XNt6p0F4mQ\r\n"
    "From: <sip:u17@127.0.0.1>;tag=9Ft4U0ryQ8vSg\r\n"
    "To: <sip:u17@127.0.0.1>;tag=40213SIPpTag01431\r\n"
    "Call-ID: 5c1f9d1e-7a43-123d-3e0a-5254001b2c3d\r\n"
    "CSeq: 77051233 REGISTER\r\n"
    "Contact: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>\r\n"
    "Expires: 3600\r\n"
    "Content-Length: 0\r\n\r\n";

// A call out: the user's offer, the gateway's answers.
constexpr std::string_view kInitiateIn =
    "<iq type='set' id='si4711' from='user17@load.test/load' to='bob%127.0.0.1@sip.load.test'>"
    "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='o4711' initiator='user17@load.test/load'>"
    "<content creator='initiator' name='audio' senders='both'>"
    "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
    "<payload-type id='0' name='PCMU' clockrate='8000'/>"
    "<payload-type id='101' name='telephone-event' clockrate='8000'/></description>"
    "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>"
    "<candidate component='1' generation='0' id='c1' ip='127.0.0.1' port='40034'/></transport>"
    "</content></jingle></iq>";
constexpr std::string_view kResultOfInitiate =
    "<iq type='result' id='si4711' from='bob%127.0.0.1@sip.load.test' to='user17@load.test/load'/>";
constexpr std::string_view kRingingOut =
    "<iq type='set' id='gw-ringing-88' from='bob%127.0.0.1@sip.load.test' to='user17@load.test/load'>"
    "<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='o4711'>"
    "<ringing xmlns='urn:xmpp:jingle:apps:rtp:info:1'/></jingle></iq>";
constexpr std::string_view kResultOfRinging =
    "<iq type='result' id='gw-ringing-88' from='user17@load.test/load' to='bob%127.0.0.1@sip.load.test'/>";
constexpr std::string_view kAcceptOut =
    "<iq type='set' id='gw-accept-89' from='bob%127.0.0.1@sip.load.test' to='user17@load.test/load'>"
    "<jingle xmlns='urn:xmpp:jingle:1' action='session-accept' sid='o4711' responder='bob%127.0.0.1@sip.load.test'>"
    "<content creator='initiator' name='audio' senders='both'>"
    "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
    "<payload-type id='0' name='PCMU' clockrate='8000'/>"
    "<payload-type id='101' name='telephone-event' clockrate='8000'><parameter name='0-16' value=''/></payload-type>"
    "</description><transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>"
    "<candidate component='1' generation='0' id='g1' ip='127.0.0.1' port='6000'/></transport>"
    "</content></jingle></iq>";
constexpr std::string_view kResultOfAccept =
    "<iq type='result' id='gw-accept-89' from='user17@load.test/load' to='bob%127.0.0.1@sip.load.test'/>";
constexpr std::string_view kTerminateIn =
    "<iq type='set' id='st4711' from='user17@load.test/load' to='bob%127.0.0.1@sip.load.test'>"
    "<jingle xmlns='urn:xmpp:jingle:1' action='session-terminate' sid='o4711'><reason><success/></reason></jingle></iq>";
constexpr std::string_view kResultOfTerminate =
    "<iq type='result' id='st4711' from='bob%127.0.0.1@sip.load.test' to='user17@load.test/load'/>";

constexpr std::string_view kInviteOut =
    "INVITE sip:bob@127.0.0.1 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:24816;rport;branch=z9hG4bK1e5N0pXv7QeSB\r\n"
    "Route: <sip:127.0.0.1:25160;lr>\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:u17@127.0.0.1>;tag=Q6mB3t2e5aNHp\r\n"
    "To: <sip:bob@127.0.0.1>\r\n"
    "Call-ID: 0a6f2c1d-7a43-123d-3e0b-5254001b2c3d\r\n"
    "CSeq: 77051240 INVITE\r\n"
    "Contact: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>\r\n"
    "User-Agent: xmpp-sip-gateway\r\n"
    "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, MESSAGE, SUBSCRIBE, NOTIFY, REFER, UPDATE\r\n"
    "Supported: timer, 100rel\r\n"
    "Session-Expires: 1800\r\n"
    "Min-SE: 120\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Disposition: session\r\n"
    "Content-Length: @\r\n\r\n"
    "v=0\r\no=- 6540203731 6540203731 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 40034 RTP/AVP 0 101\r\na=mid:audio\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
    "a=sendrecv\r\n";
constexpr std::string_view k180In =
    "SIP/2.0 180 Ringing\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:24816;rport;branch=z9hG4bK1e5N0pXv7QeSB\r\n"
    "From: <sip:u17@127.0.0.1>;tag=Q6mB3t2e5aNHp\r\n"
    "To: <sip:bob@127.0.0.1>;tag=40213SIPpTag014712\r\n"
    "Call-ID: 0a6f2c1d-7a43-123d-3e0b-5254001b2c3d\r\n"
    "CSeq: 77051240 INVITE\r\n"
    "Contact: <sip:127.0.0.1:25160;transport=UDP>\r\n"
    "Content-Length: 0\r\n\r\n";
constexpr std::string_view k200InviteIn =
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:24816;rport;branch=z9hG4bK1e5N0pXv7QeSB\r\n"
    "From: <sip:u17@127.0.0.1>;tag=Q6mB3t2e5aNHp\r\n"
    "To: <sip:bob@127.0.0.1>;tag=40213SIPpTag014712\r\n"
    "Call-ID: 0a6f2c1d-7a43-123d-3e0b-5254001b2c3d\r\n"
    "CSeq: 77051240 INVITE\r\n"
    "Contact: <sip:127.0.0.1:25160;transport=UDP>\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: @\r\n\r\n"
    "v=0\r\no=sipp 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 6000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n";
constexpr std::string_view kAckOut =
    "ACK sip:127.0.0.1:25160;transport=UDP SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:24816;rport;branch=z9hG4bK6p1BpQ0cHaX4K\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:u17@127.0.0.1>;tag=Q6mB3t2e5aNHp\r\n"
    "To: <sip:bob@127.0.0.1>;tag=40213SIPpTag014712\r\n"
    "Call-ID: 0a6f2c1d-7a43-123d-3e0b-5254001b2c3d\r\n"
    "CSeq: 77051240 ACK\r\n"
    "Content-Length: 0\r\n\r\n";
constexpr std::string_view kByeOut =
    "BYE sip:127.0.0.1:25160;transport=UDP SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:24816;rport;branch=z9hG4bKaQ3yF0vD2cN8r\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:u17@127.0.0.1>;tag=Q6mB3t2e5aNHp\r\n"
    "To: <sip:bob@127.0.0.1>;tag=40213SIPpTag014712\r\n"
    "Call-ID: 0a6f2c1d-7a43-123d-3e0b-5254001b2c3d\r\n"
    "CSeq: 77051241 BYE\r\n"
    "User-Agent: xmpp-sip-gateway\r\n"
    "Content-Length: 0\r\n\r\n";
constexpr std::string_view k200ByeIn =
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:24816;rport;branch=z9hG4bKaQ3yF0vD2cN8r\r\n"
    "From: <sip:u17@127.0.0.1>;tag=Q6mB3t2e5aNHp\r\n"
    "To: <sip:bob@127.0.0.1>;tag=40213SIPpTag014712\r\n"
    "Call-ID: 0a6f2c1d-7a43-123d-3e0b-5254001b2c3d\r\n"
    "CSeq: 77051241 BYE\r\n"
    "Content-Length: 0\r\n\r\n";

// A call in: sipp's INVITE to the user's contact token, the user answering over JMI.
constexpr std::string_view kInviteIn =
    "INVITE sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:25170;branch=z9hG4bK-40307-4711-1\r\n"
    "From: <sip:caller4711@127.0.0.1:25170>;tag=40307SIPpTag094711\r\n"
    "To: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>\r\n"
    "Call-ID: 4711-40307@127.0.0.1\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:caller4711@127.0.0.1:25170;transport=UDP>\r\n"
    "Max-Forwards: 70\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: @\r\n\r\n"
    "v=0\r\no=sipp 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 6000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"
    "a=sendrecv\r\n";
constexpr std::string_view k100Out =
    "SIP/2.0 100 Trying\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:25170;branch=z9hG4bK-40307-4711-1;received=127.0.0.1\r\n"
    "From: <sip:caller4711@127.0.0.1:25170>;tag=40307SIPpTag094711\r\n"
    "To: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>\r\n"
    "Call-ID: 4711-40307@127.0.0.1\r\n"
    "CSeq: 1 INVITE\r\n"
    "Content-Length: 0\r\n\r\n";
constexpr std::string_view k180Out =
    "SIP/2.0 180 Ringing\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:25170;branch=z9hG4bK-40307-4711-1;received=127.0.0.1\r\n"
    "From: <sip:caller4711@127.0.0.1:25170>;tag=40307SIPpTag094711\r\n"
    "To: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>;tag=v3Kc8Z4D0mQyS\r\n"
    "Call-ID: 4711-40307@127.0.0.1\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>\r\n"
    "User-Agent: xmpp-sip-gateway\r\n"
    "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, MESSAGE, SUBSCRIBE, NOTIFY, REFER, UPDATE\r\n"
    "Content-Length: 0\r\n\r\n";
constexpr std::string_view k200InviteOut =
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:25170;branch=z9hG4bK-40307-4711-1;received=127.0.0.1\r\n"
    "From: <sip:caller4711@127.0.0.1:25170>;tag=40307SIPpTag094711\r\n"
    "To: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>;tag=v3Kc8Z4D0mQyS\r\n"
    "Call-ID: 4711-40307@127.0.0.1\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>\r\n"
    "User-Agent: xmpp-sip-gateway\r\n"
    "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, MESSAGE, SUBSCRIBE, NOTIFY, REFER, UPDATE\r\n"
    "Supported: timer, 100rel\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Disposition: session\r\n"
    "Content-Length: @\r\n\r\n"
    "v=0\r\no=- 6540203799 6540203799 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 40035 RTP/AVP 0 101\r\na=mid:0\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
    "a=sendrecv\r\n";
constexpr std::string_view kAckIn =
    "ACK sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:25170;branch=z9hG4bK-40307-4711-18\r\n"
    "From: <sip:caller4711@127.0.0.1:25170>;tag=40307SIPpTag094711\r\n"
    "To: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>;tag=v3Kc8Z4D0mQyS\r\n"
    "Call-ID: 4711-40307@127.0.0.1\r\n"
    "CSeq: 1 ACK\r\n"
    "Max-Forwards: 70\r\n"
    "Content-Length: 0\r\n\r\n";
constexpr std::string_view kByeIn =
    "BYE sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:25170;branch=z9hG4bK-40307-4711-20\r\n"
    "From: <sip:caller4711@127.0.0.1:25170>;tag=40307SIPpTag094711\r\n"
    "To: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>;tag=v3Kc8Z4D0mQyS\r\n"
    "Call-ID: 4711-40307@127.0.0.1\r\n"
    "CSeq: 2 BYE\r\n"
    "Max-Forwards: 70\r\n"
    "Content-Length: 0\r\n\r\n";
constexpr std::string_view k200ByeOut =
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:25170;branch=z9hG4bK-40307-4711-20;received=127.0.0.1\r\n"
    "From: <sip:caller4711@127.0.0.1:25170>;tag=40307SIPpTag094711\r\n"
    "To: <sip:3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b@127.0.0.1:24816>;tag=v3Kc8Z4D0mQyS\r\n"
    "Call-ID: 4711-40307@127.0.0.1\r\n"
    "CSeq: 2 BYE\r\n"
    "User-Agent: xmpp-sip-gateway\r\n"
    "Content-Length: 0\r\n\r\n";

constexpr std::string_view kProposeOut =
    "<message from='caller4711%127.0.0.1@sip.load.test/sip' to='user17@load.test' type='chat' id='gw-jmi-90'>"
    "<propose xmlns='urn:xmpp:jingle-message:0' id='gw-call-4711'>"
    "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>"
    "<store xmlns='urn:xmpp:hints'/></message>";
constexpr std::string_view kProceedIn =
    "<message from='user17@load.test/load' to='caller4711%127.0.0.1@sip.load.test/sip'>"
    "<proceed xmlns='urn:xmpp:jingle-message:0' id='gw-call-4711'/></message>";
constexpr std::string_view kInitiateOut =
    "<iq type='set' id='gw-initiate-91' from='caller4711%127.0.0.1@sip.load.test/sip' to='user17@load.test/load'>"
    "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='gw-call-4711' "
    "initiator='caller4711%127.0.0.1@sip.load.test/sip'>"
    "<content creator='initiator' name='0' senders='both'>"
    "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
    "<payload-type id='0' name='PCMU' clockrate='8000'/>"
    "<payload-type id='101' name='telephone-event' clockrate='8000'><parameter name='0-16' value=''/></payload-type>"
    "</description><transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>"
    "<candidate component='1' generation='0' id='g1' ip='127.0.0.1' port='6000'/></transport>"
    "</content></jingle></iq>";
constexpr std::string_view kResultOfInitiateIn =
    "<iq type='result' id='gw-initiate-91' from='user17@load.test/load' to='caller4711%127.0.0.1@sip.load.test/sip'/>";
constexpr std::string_view kAcceptIn =
    "<iq type='set' id='sa4711' from='user17@load.test/load' to='caller4711%127.0.0.1@sip.load.test/sip'>"
    "<jingle xmlns='urn:xmpp:jingle:1' action='session-accept' sid='gw-call-4711' responder='user17@load.test/load'>"
    "<content creator='initiator' name='0' senders='both'>"
    "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
    "<payload-type id='0' name='PCMU' clockrate='8000'/>"
    "<payload-type id='101' name='telephone-event' clockrate='8000'/></description>"
    "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>"
    "<candidate component='1' generation='0' id='a1' ip='127.0.0.1' port='40035'/></transport>"
    "</content></jingle></iq>";
constexpr std::string_view kResultOfAcceptIn =
    "<iq type='result' id='sa4711' from='caller4711%127.0.0.1@sip.load.test/sip' to='user17@load.test/load'/>";
constexpr std::string_view kTerminateOut =
    "<iq type='set' id='gw-terminate-92' from='caller4711%127.0.0.1@sip.load.test/sip' to='user17@load.test/load'>"
    "<jingle xmlns='urn:xmpp:jingle:1' action='session-terminate' sid='gw-call-4711'><reason><success/>"
    "<text>BYE</text></reason></jingle></iq>";
constexpr std::string_view kResultOfTerminateOut =
    "<iq type='result' id='gw-terminate-92' from='user17@load.test/load' to='caller4711%127.0.0.1@sip.load.test/sip'/>";

// Fills in "Content-Length: @" with the body's length; the text lives as long as the program.
std::string_view sized(std::string_view text) {
    static std::deque<std::string> storage;
    std::string out(text);
    const auto body = out.find("\r\n\r\n");
    const auto mark = out.find("Content-Length: @");
    if (body != std::string::npos && mark != std::string::npos) {
        const std::size_t body_length = out.size() - (body + 4);
        out.replace(mark + 16, 1, std::to_string(body_length));
    }
    return storage.emplace_back(std::move(out));
}

}  // namespace

const std::vector<Message>& login_xmpp() {
    static const std::vector<Message> m = {
        {"presence", kPresenceIn, true},
        {"registering status", kRegistering, false},
        {"registered status", kRegistered, false},
    };
    return m;
}

const std::vector<Message>& login_sip() {
    static const std::vector<Message> m = {
        {"REGISTER", kRegister, false},
        {"401", k401, true},
        {"REGISTER with credentials", kRegisterAuth, false},
        {"200 to REGISTER", k200Register, true},
    };
    return m;
}

const std::vector<Message>& call_out_xmpp() {
    static const std::vector<Message> m = {
        {"session-initiate", kInitiateIn, true},
        {"result of session-initiate", kResultOfInitiate, false},
        {"session-info ringing", kRingingOut, false},
        {"result of session-info", kResultOfRinging, true},
        {"session-accept", kAcceptOut, false},
        {"result of session-accept", kResultOfAccept, true},
        {"session-terminate", kTerminateIn, true},
        {"result of session-terminate", kResultOfTerminate, false},
    };
    return m;
}

const std::vector<Message>& call_out_sip() {
    static const std::vector<Message> m = {
        {"INVITE", sized(kInviteOut), false}, {"180", k180In, true}, {"200 to INVITE", sized(k200InviteIn), true},
        {"ACK", kAckOut, false},       {"BYE", kByeOut, false}, {"200 to BYE", k200ByeIn, true},
    };
    return m;
}

const std::vector<Message>& call_in_xmpp() {
    static const std::vector<Message> m = {
        {"propose", kProposeOut, false},
        {"proceed", kProceedIn, true},
        {"session-initiate", kInitiateOut, false},
        {"result of session-initiate", kResultOfInitiateIn, true},
        {"session-accept", kAcceptIn, true},
        {"result of session-accept", kResultOfAcceptIn, false},
        {"session-terminate", kTerminateOut, false},
        {"result of session-terminate", kResultOfTerminateOut, true},
    };
    return m;
}

const std::vector<Message>& call_in_sip() {
    static const std::vector<Message> m = {
        {"INVITE", sized(kInviteIn), true},  {"100", k100Out, false}, {"180", k180Out, false},
        {"200 to INVITE", sized(k200InviteOut), false}, {"ACK", kAckIn, true}, {"BYE", kByeIn, true},
        {"200 to BYE", k200ByeOut, false},
    };
    return m;
}

}  // namespace gw::load::samples
