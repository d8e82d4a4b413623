// CHECK for the load tool's own unit tests, which run without a test framework (like tests/rig,
// they build where doctest is not used): a failed condition is printed and counted, and main()
// returns check_failures() != 0.
#pragma once

#include <cstdio>

namespace gw::load {

inline int& check_failures() {
    static int failures = 0;
    return failures;
}

}  // namespace gw::load

#define CHECK(condition)                                                                   \
    do {                                                                                   \
        if (!(condition)) {                                                                \
            ++gw::load::check_failures();                                                  \
            std::fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #condition);   \
        }                                                                                  \
    } while (0)
