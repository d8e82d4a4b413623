#pragma once
// Inside the library errors travel as MediaError exceptions, collecting context ("content 'audio': ")
// on the way out; every public function turns them into a Result at its edge.
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "media/result.hpp"

namespace gw::media {

class MediaError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(std::string message);

// Runs body(); a MediaError leaving it gets "prefix: " in front of its message. The prefix may
// be text or a function making it, so that hot paths only build it when something failed.
template <class Prefix, class Body>
decltype(auto) in_context(Prefix&& prefix, Body&& body) {
    try {
        return std::forward<Body>(body)();
    } catch (const MediaError& e) {
        if constexpr (std::is_invocable_v<Prefix>) throw MediaError(std::string(prefix()) + ": " + e.what());
        else throw MediaError(std::string(prefix) + ": " + e.what());
    }
}

// Runs body() and returns its value, or the error it threw, as a Result.
template <class Body>
auto guarded(Body&& body) -> Result<std::invoke_result_t<Body>> {
    using T = std::invoke_result_t<Body>;
    try {
        if constexpr (std::is_void_v<T>) {
            std::forward<Body>(body)();
            return Result<void>();
        } else {
            return Result<T>(std::forward<Body>(body)());
        }
    } catch (const MediaError& e) {
        return Error{e.what()};
    } catch (const std::bad_alloc&) {
        return Error{"out of memory"};
    } catch (const std::exception& e) {
        return Error{std::string("internal error: ") + e.what()};
    }
}

}  // namespace gw::media
