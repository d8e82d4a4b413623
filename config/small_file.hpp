// Reading a small text file whole (the configuration file, a secret file), with a size cap so a
// wrong path such as /dev/zero gives an error instead of exhausting memory.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace gw::config {

struct SmallFile {
    std::optional<std::string> text;  // set when the file was read
    std::string error;                // why it was not, e.g. "No such file or directory"
};

SmallFile read_small_file(const std::string& path, std::size_t max_bytes);

}  // namespace gw::config
