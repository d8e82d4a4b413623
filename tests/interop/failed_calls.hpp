// The calls that do not connect, as alice sees them in her client (the Node client or the
// browser: InteropWorld's alice is whichever the test binary runs) and the phone on the other
// side sees them: who refused, with which Jingle reason and SIP status. Each runs one call in a
// fresh `world` and checks it with doctest; the test files name the cases.
#pragma once

#include "tests/interop/interop_world.hpp"

namespace gw::interop {

// alice calls baresip, which rings and then refuses (486): she sees busy and the status.
void phone_refuses_call(InteropWorld& world);
// alice calls a callee that answers 603 after ringing: she sees decline and the status.
void callee_declines_call(InteropWorld& world);
// baresip calls alice and she declines: the phone shows 603 Decline.
void alice_declines_call(InteropWorld& world);
// baresip calls alice and nobody answers (the world's ring timeout): she sees timeout, the
// phone 480.
void nobody_answers_call(InteropWorld& world);
// alice calls a phone without ICE or DTLS: the call ends at once with incompatible-parameters
// and a text saying why, and never connects.
void plain_rtp_phone_call(InteropWorld& world);

}  // namespace gw::interop
