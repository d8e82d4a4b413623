#include "media/static_payloads.hpp"

namespace gw::media {

std::optional<StaticPayload> static_payload(unsigned id) {
    switch (id) {
    case 0: return StaticPayload{"PCMU", 8000, std::nullopt};
    case 3: return StaticPayload{"GSM", 8000, std::nullopt};
    case 4: return StaticPayload{"G723", 8000, std::nullopt};
    case 5: return StaticPayload{"DVI4", 8000, std::nullopt};
    case 6: return StaticPayload{"DVI4", 16000, std::nullopt};
    case 7: return StaticPayload{"LPC", 8000, std::nullopt};
    case 8: return StaticPayload{"PCMA", 8000, std::nullopt};
    case 9: return StaticPayload{"G722", 8000, std::nullopt};
    case 10: return StaticPayload{"L16", 44100, 2};
    case 11: return StaticPayload{"L16", 44100, std::nullopt};
    case 12: return StaticPayload{"QCELP", 8000, std::nullopt};
    case 13: return StaticPayload{"CN", 8000, std::nullopt};
    case 14: return StaticPayload{"MPA", 90000, std::nullopt};
    case 15: return StaticPayload{"G728", 8000, std::nullopt};
    case 16: return StaticPayload{"DVI4", 11025, std::nullopt};
    case 17: return StaticPayload{"DVI4", 22050, std::nullopt};
    case 18: return StaticPayload{"G729", 8000, std::nullopt};
    case 25: return StaticPayload{"CelB", 90000, std::nullopt};
    case 26: return StaticPayload{"JPEG", 90000, std::nullopt};
    case 28: return StaticPayload{"nv", 90000, std::nullopt};
    case 31: return StaticPayload{"H261", 90000, std::nullopt};
    case 32: return StaticPayload{"MPV", 90000, std::nullopt};
    case 33: return StaticPayload{"MP2T", 90000, std::nullopt};
    case 34: return StaticPayload{"H263", 90000, std::nullopt};
    default: return std::nullopt;
    }
}

}  // namespace gw::media
