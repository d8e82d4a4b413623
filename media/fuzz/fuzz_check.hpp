#pragma once
// Invariants the fuzz targets hold the library to. A broken one aborts, so libFuzzer records the
// input as a crash (and AddressSanitizer/UBSan report memory and undefined-behaviour errors).
#include <cstdlib>
#include <string_view>

namespace gw::media::fuzz {

inline void require(bool holds) {
    if (!holds) std::abort();
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace gw::media::fuzz
