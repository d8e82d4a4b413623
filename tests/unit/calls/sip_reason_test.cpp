#include "gateway/sip_reason.hpp"

#include <doctest/doctest.h>

using namespace gw;

TEST_CASE("SIP final statuses map to the Jingle reasons of docs/calls.md") {
    CHECK(jingle_reason_for_sip(486) == "busy");
    CHECK(jingle_reason_for_sip(600) == "busy");
    CHECK(jingle_reason_for_sip(603) == "decline");
    CHECK(jingle_reason_for_sip(487) == "cancel");
    CHECK(jingle_reason_for_sip(408) == "timeout");
    for (int s : {415, 488, 606}) CHECK(jingle_reason_for_sip(s) == "incompatible-parameters");
    for (int s : {401, 403, 407}) CHECK(jingle_reason_for_sip(s) == "security-error");
    for (int s : {404, 410, 484, 604}) CHECK(jingle_reason_for_sip(s) == "gone");
    for (int s : {480, 500, 503, 302}) CHECK(jingle_reason_for_sip(s) == "general-error");
    CHECK(jingle_reason_for_sip(200) == "success");
}

TEST_CASE("a user ending an unanswered call: decline 603, busy 486, errors 480, media 488") {
    CHECK(sip_final_for_jingle_reason("decline").status == 603);
    CHECK(sip_final_for_jingle_reason("busy").status == 486);
    CHECK(sip_final_for_jingle_reason("busy").phrase == "Busy Here");
    CHECK(sip_final_for_jingle_reason("timeout").status == 480);
    CHECK(sip_final_for_jingle_reason("general-error").status == 480);
    CHECK(sip_final_for_jingle_reason("incompatible-parameters").status == 488);
    CHECK(sip_final_for_jingle_reason("failed-transport").status == 488);
    CHECK(sip_final_for_jingle_reason("gone").status == 410);
    CHECK(sip_final_for_jingle_reason("success").status == 603);  // hung up without answering
    CHECK(sip_final_for_jingle_reason("").status == 603);
}

TEST_CASE("only XEP-0166's reason conditions are recognised") {
    CHECK(is_jingle_reason("busy"));
    CHECK(is_jingle_reason("unsupported-applications"));
    CHECK_FALSE(is_jingle_reason("text"));
    CHECK_FALSE(is_jingle_reason("sip-status"));
    CHECK_FALSE(is_jingle_reason(""));
}
