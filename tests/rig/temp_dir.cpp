#include "tests/rig/temp_dir.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include <spdlog/spdlog.h>

namespace gw::rig {

bool keep_test_dirs() {
  const char* keep = std::getenv("GW_KEEP_TEST_DIRS");
  return keep != nullptr && *keep != '\0';
}

TempDir::TempDir(std::string_view prefix) {
  if (prefix.empty() || prefix.find('/') != std::string_view::npos) {
    throw std::invalid_argument("TempDir prefix must be a plain name, got '" + std::string(prefix) + "'");
  }
  std::string pattern = (std::filesystem::temp_directory_path() / prefix).string() + "-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr) {
    throw std::runtime_error("cannot create temporary directory " + pattern + ": " + std::strerror(errno));
  }
  path_ = buffer.data();
}

TempDir::~TempDir() {
  if (keep_test_dirs()) {
    spdlog::info("GW_KEEP_TEST_DIRS is set: keeping {}", path_);
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
  if (ec) spdlog::warn("cannot remove test directory {}: {}", path_, ec.message());
}

std::string TempDir::file(std::string_view name) const { return path_ + "/" + std::string(name); }

}  // namespace gw::rig
