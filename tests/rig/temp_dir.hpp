#pragma once
// A private temporary directory for one test server or test; removed when the object goes away.

#include <string>
#include <string_view>

namespace gw::rig {

class TempDir {
 public:
  // Creates <system temp dir>/<prefix>-XXXXXX with mode 0700; throws std::runtime_error on failure.
  explicit TempDir(std::string_view prefix = "gw-test");
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  // Removes the directory recursively, unless GW_KEEP_TEST_DIRS is set in the environment
  // (then it logs the path, so a failed run can be inspected).
  ~TempDir();

  const std::string& path() const { return path_; }
  // Absolute path of `name` inside the directory (not created).
  std::string file(std::string_view name) const;

 private:
  std::string path_;
};

// True when GW_KEEP_TEST_DIRS is set to a non-empty value.
bool keep_test_dirs();

}  // namespace gw::rig
