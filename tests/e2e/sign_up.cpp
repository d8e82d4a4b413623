#include "tests/e2e/sign_up.hpp"

#include <doctest/doctest.h>

namespace gw::test {

void sign_up(rig::XmppTestClient& client, const std::string& component, const std::string& sip_user,
             const std::string& password, const std::string& proxy) {
    client.send_presence();
    const std::string id = client.next_id();
    client.send("<iq type='set' id='" + id + "' to='" + component + "'><query xmlns='jabber:iq:register'>"
                "<x xmlns='jabber:x:data' type='submit'>"
                "<field var='username'><value>" + sip_user + "</value></field>"
                "<field var='password'><value>" + password + "</value></field>"
                "<field var='proxy'><value>" + proxy + "</value></field></x></query></iq>");
    auto reply = client.wait_for_id(id);
    REQUIRE(reply);
    REQUIRE(reply->attr("type") == "result");
    auto subscribe = client.wait_for([&](const rig::Stanza& s) {
        return s.name() == "presence" && s.attr("type") == "subscribe" && s.attr("from") == component;
    });
    REQUIRE(subscribe);
    client.send("<presence type='subscribed' to='" + component + "'/>");
    client.send("<presence type='subscribe' to='" + component + "'/>");
}

}  // namespace gw::test
