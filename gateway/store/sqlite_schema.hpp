// Bringing a SQLite database's schema to the latest version (PRAGMA user_version).
#pragma once

#include "gateway/store/sqlite_database.hpp"

namespace gw::store {

// Applies the missing migrations in one IMMEDIATE transaction (so two processes opening a new
// file at once do not both migrate). Throws StoreError if the file's schema is newer than this
// binary knows.
void migrate_sqlite_schema(SqliteDatabase& database);

}  // namespace gw::store
