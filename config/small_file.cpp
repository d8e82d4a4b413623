#include "config/small_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace gw::config {
namespace {

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }

private:
    int fd_;
};

}  // namespace

SmallFile read_small_file(const std::string& path, std::size_t max_bytes) {
    if (path.empty()) return {std::nullopt, "empty path"};
    const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.get() < 0) return {std::nullopt, std::strerror(errno)};
    struct stat info {};
    if (::fstat(file.get(), &info) != 0) return {std::nullopt, std::strerror(errno)};
    if (S_ISDIR(info.st_mode)) return {std::nullopt, "is a directory"};

    std::string text;
    std::array<char, 4096> buffer{};
    while (true) {
        const ssize_t got = ::read(file.get(), buffer.data(), buffer.size());
        if (got < 0) {
            if (errno == EINTR) continue;
            return {std::nullopt, std::strerror(errno)};
        }
        if (got == 0) break;
        text.append(buffer.data(), static_cast<std::size_t>(got));
        if (text.size() > max_bytes) return {std::nullopt, "larger than " + std::to_string(max_bytes) + " bytes"};
    }
    return {std::move(text), {}};
}

}  // namespace gw::config
