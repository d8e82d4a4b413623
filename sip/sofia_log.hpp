#pragma once

namespace gw::sip {

// Sends Sofia-SIP's own log (which otherwise goes to stderr) to the gateway's logger: warnings
// always, its debug traces only when `trace` is set.
void route_sofia_log(bool trace);

}  // namespace gw::sip
