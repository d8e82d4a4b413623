#include "media/error.hpp"

namespace gw::media {

void fail(std::string message) { throw MediaError(message); }

}  // namespace gw::media
