// Bringing a PostgreSQL database's schema to the latest version (the schema_version table).
#pragma once

#include "gateway/store/pg_connection.hpp"

namespace gw::store {

// Applies the missing migrations in one transaction under an advisory lock, so several gateway
// instances starting at once migrate once and the others wait, then see the result. Throws
// StoreError if the database's schema is newer than this binary knows.
void migrate_postgresql_schema(PgConnection& connection);

}  // namespace gw::store
