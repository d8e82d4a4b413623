#include "gateway/store/sqlite_file.hpp"

#include "gateway/store/account_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace gw::store {
namespace {

constexpr mode_t private_mode = S_IRUSR | S_IWUSR;

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
    throw StoreError("account store " + path + ": " + problem);
}

std::string directory_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

// Why the file cannot be opened, in the admin's terms.
std::string open_problem(const std::string& path, int error) {
    const std::string directory = directory_of(path);
    struct stat info {};
    switch (error) {
    case ENOENT:
        if (::stat(directory.c_str(), &info) != 0) return "the directory " + directory + " does not exist";
        return std::string("cannot create the file: ") + std::strerror(error);
    case EACCES:
    case EPERM:
        return "permission denied: the gateway's user (uid " + std::to_string(::geteuid()) +
               ") must be able to read and write the file and its directory " + directory;
    case EISDIR:
        return "is a directory, not a database file";
    case ENOTDIR:
        return "a part of the path is not a directory";
    case EROFS:
        return "the file system is read-only";
    default:
        return std::string("cannot open: ") + std::strerror(error);
    }
}

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

std::string octal_mode(mode_t mode) {
    std::array<char, 8> text{};
    std::snprintf(text.data(), text.size(), "%04o", static_cast<unsigned>(mode & 07777));
    return text.data();
}

// Makes an open file private; `path` is for messages.
void restrict_open_file(int fd, const std::string& path) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) fail(path, std::string("cannot inspect the file: ") + std::strerror(errno));
    if (!S_ISREG(info.st_mode)) fail(path, "is not a regular file");
    if ((info.st_mode & 07777) == private_mode) return;
    if (::fchmod(fd, private_mode) != 0) {
        fail(path, "holds passwords but has mode " + octal_mode(info.st_mode) +
                       ", and changing it to 0600 failed: " + std::strerror(errno));
    }
}

void restrict_if_present(const std::string& path) {
    const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (file.get() < 0) {
        if (errno == ENOENT) return;
        fail(path, open_problem(path, errno));
    }
    restrict_open_file(file.get(), path);
}

}  // namespace

void prepare_database_file(const std::string& path) {
    if (path.empty()) throw StoreError("account store: the database path is empty");
    const FileDescriptor file(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK, private_mode));
    if (file.get() < 0) fail(path, open_problem(path, errno));
    restrict_open_file(file.get(), path);

    // SQLite creates the -wal and -shm files next to the database, so the directory must be writable.
    const std::string directory = directory_of(path);
    if (::access(directory.c_str(), W_OK | X_OK) != 0) {
        fail(path, "the directory " + directory + " is not writable by the gateway's user (uid " +
                       std::to_string(::geteuid()) + "); SQLite needs to create " + path + "-wal and " + path +
                       "-shm there");
    }
    restrict_companion_files(path);
}

void restrict_companion_files(const std::string& path) {
    restrict_if_present(path + "-wal");
    restrict_if_present(path + "-shm");
}

}  // namespace gw::store
