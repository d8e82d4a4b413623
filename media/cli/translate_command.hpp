#pragma once
// `xmpp-sip-gateway translate ...`: Jingle <-> SDP on stdin/stdout, for admins and for debugging
// interop. `args` are the words after "translate". Returns the exit status: 0 on success, 1 when
// the input cannot be translated (the reason goes to `err`), 2 for a usage error.
#include <iosfwd>
#include <string>
#include <vector>

namespace gw::media {

int run_translate_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                          std::ostream& err);

}  // namespace gw::media
