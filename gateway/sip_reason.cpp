#include "gateway/sip_reason.hpp"

#include <array>

namespace gw {

std::string_view jingle_reason_for_sip(int status) {
    switch (status) {
    case 486:
    case 600: return "busy";
    case 603: return "decline";
    case 487: return "cancel";
    case 408: return "timeout";
    case 415:
    case 488:
    case 606: return "incompatible-parameters";
    case 401:
    case 403:
    case 407: return "security-error";
    case 404:
    case 410:
    case 484:
    case 604: return "gone";
    default: return status >= 200 && status < 300 ? "success" : "general-error";
    }
}

SipFinal sip_final_for_jingle_reason(std::string_view condition) {
    if (condition == "busy") return {486, "Busy Here"};
    if (condition == "decline") return {603, "Decline"};
    if (condition == "timeout" || condition == "expired") return {480, "Temporarily Unavailable"};
    if (condition == "incompatible-parameters" || condition == "unsupported-applications" ||
        condition == "unsupported-transports" || condition == "failed-application" ||
        condition == "failed-transport" || condition == "media-error" || condition == "security-error")
        return {488, "Not Acceptable Here"};
    if (condition == "gone") return {410, "Gone"};
    if (condition == "general-error" || condition == "connectivity-error") return {480, "Temporarily Unavailable"};
    return {603, "Decline"};
}

bool is_jingle_reason(std::string_view condition) {
    static constexpr std::array<std::string_view, 19> known{
        "alternative-session", "busy", "cancel", "connectivity-error", "decline", "expired",
        "failed-application", "failed-transport", "general-error", "gone", "incompatible-parameters",
        "media-error", "security-error", "success", "timeout", "unsupported-applications",
        "unsupported-transports", "unsupported-info", "out-of-order"};
    for (std::string_view name : known)
        if (name == condition) return true;
    return false;
}

}  // namespace gw
