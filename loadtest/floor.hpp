// The library floor: what parsing and writing one operation's stanzas (libstrophe, on expat) and
// SIP messages (Sofia-SIP's msg parser and encoder) costs on this machine, with nothing of the
// gateway's own logic. The gateway's CPU per operation divided by this is the overhead that is
// ours (the target: within 3x).
#pragma once

#include <map>
#include <string>

namespace gw::load {

struct FloorResult {
    double login_us = 0;     // presence in; 2 status presences out; REGISTER x2 out; 401, 200 in
    double call_out_us = 0;  // a Jingle call to SIP: 4 stanzas each way; INVITE, ACK, BYE out; 180, 200, 200 in
    double call_in_us = 0;   // a SIP call to a JMI user: 4 stanzas each way; INVITE, ACK, BYE in; 100, 180, 200, 200 out
    // The same plus one loopback socket call per message (recv for a received one, send for a
    // sent one: TCP for stanzas, UDP for SIP), which no gateway avoids either.
    double login_io_us = 0, call_out_io_us = 0, call_in_io_us = 0;
    std::map<std::string, double> parts_us;  // per message kind, parse + write, µs
    int rounds = 0;
};

// Runs `rounds` rounds of many iterations and keeps each figure's median.
FloorResult measure_floor(int rounds);

}  // namespace gw::load
