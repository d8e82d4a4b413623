#include "sip/sofia_log.hpp"

#include "sip/sofia.hpp"

#include <spdlog/spdlog.h>

#include <cstdarg>
#include <cstdio>
#include <string>

extern "C" {
// Exported by libsofia-sip-ua but declared only in its private headers.
extern su_log_t nua_log[];
extern su_log_t nta_log[];
extern su_log_t tport_log[];
extern su_log_t soa_log[];
}

namespace gw::sip {
namespace {

// Sofia writes a line in several calls; a line is logged when its newline arrives.
std::string pending_line;

void forward(void*, const char* fmt, va_list ap) {
    char buffer[1024];
    va_list copy;
    va_copy(copy, ap);
    int n = std::vsnprintf(buffer, sizeof buffer, fmt, copy);
    va_end(copy);
    if (n < 0) return;
    pending_line.append(buffer, std::min<size_t>(static_cast<size_t>(n), sizeof buffer - 1));
    size_t newline;
    while ((newline = pending_line.find('\n')) != std::string::npos) {
        if (newline > 0) spdlog::debug("sofia: {}", pending_line.substr(0, newline));
        pending_line.erase(0, newline + 1);
    }
}

}  // namespace

void route_sofia_log(bool trace) {
    // Level 3 would print every SIP message, which carries digest responses: only on request.
    const unsigned level = trace ? 5 : 1;
    for (su_log_t* log : {su_log_default, nua_log, nta_log, tport_log, soa_log}) {
        su_log_redirect(log, &forward, nullptr);
        su_log_set_level(log, level);
    }
}

}  // namespace gw::sip
