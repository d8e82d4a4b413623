#include "tests/rig/text_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gw::rig {

std::string read_text_file(const std::string& path) { return read_text_file_from(path, 0); }

std::string read_text_file_from(const std::string& path, std::size_t offset) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  in.seekg(static_cast<std::streamoff>(offset));
  if (!in) return {};
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::size_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<std::size_t>(size);
}

void write_text_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  out << content;
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string last_lines(const std::string& text, std::size_t lines) {
  std::size_t pos = text.size();
  // A trailing newline does not start another line.
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  std::size_t found = 0;
  while (pos > 0) {
    const auto nl = text.rfind('\n', pos - 1);
    if (nl == std::string::npos) return text;
    if (++found == lines) return text.substr(nl + 1);
    pos = nl;
  }
  return text;
}

}  // namespace gw::rig
