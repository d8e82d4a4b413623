#pragma once
// Last-resort cleanup of the process groups the rig started.
//
// Destructors stop servers on normal exits and exceptions. This covers the rest: when the test
// binary itself is terminated (meson's timeout sends SIGTERM, Ctrl-C sends SIGINT) or crashes,
// a signal handler SIGKILLs every registered group before the previous handler runs, so no
// Kamailio or Prosody keeps ports and CPU on a shared machine.

#include <sys/types.h>

namespace gw::rig::detail {

// Registers a process group (its leader's pid); installs the signal handlers on first use.
void register_child_group(pid_t group);
void unregister_child_group(pid_t group);

}  // namespace gw::rig::detail
