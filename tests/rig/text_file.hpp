#pragma once
// Small file helpers shared by the rig: config files are written, logs are read back.

#include <cstddef>
#include <string>

namespace gw::rig {

// Whole content of a file; empty if it does not exist or cannot be read (logs may not exist yet).
std::string read_text_file(const std::string& path);

// Reads the file from byte `offset` on (a log written since a process started).
std::string read_text_file_from(const std::string& path, std::size_t offset);

// Current size of a file; 0 if it does not exist.
std::size_t file_size_or_zero(const std::string& path);

// Creates or truncates the file; throws std::runtime_error on failure.
void write_text_file(const std::string& path, const std::string& content);

// The last `lines` lines of `text`, for error messages that show why a server did not start.
std::string last_lines(const std::string& text, std::size_t lines = 30);

}  // namespace gw::rig
