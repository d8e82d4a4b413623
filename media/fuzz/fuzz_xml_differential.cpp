// The library's XML parser against expat (see xml_agreement.hpp).
#include <cstddef>
#include <cstdint>

#include "media/fuzz/fuzz_check.hpp"
#include "media/fuzz/xml_agreement.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gw::media::fuzz;
    require(xml_disagreement(as_text(data, size)).empty());
    return 0;
}
