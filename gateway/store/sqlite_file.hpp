// The SQLite file holds SIP passwords in clear: it and its -wal/-shm companions must be readable
// by the gateway's user only (mode 0600), whatever the umask.
#pragma once

#include <string>

namespace gw::store {

// Creates the file with mode 0600 if it is missing, tightens the mode of an existing file and
// of existing companions. Throws StoreError naming the path: missing or unwritable directory,
// not a regular file, permission denied.
void prepare_database_file(const std::string& path);

// Tightens the -wal and -shm files after SQLite has created them.
void restrict_companion_files(const std::string& path);

}  // namespace gw::store
