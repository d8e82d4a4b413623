#pragma once

#include "config/settings.hpp"

namespace gw {

// Logs go to stderr (journald and Docker collect them there), one line per event.
void setup_logging(config::LogLevel level);

}  // namespace gw
