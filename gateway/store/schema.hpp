// The account schema's history: an ordered list of migrations, the same steps for each backend.
// A database records the last version applied (SQLite: PRAGMA user_version; PostgreSQL: the
// schema_version table); opening applies the missing ones in one transaction.
#pragma once

#include <span>
#include <string_view>

namespace gw::store {

struct Migration {
    int version;  // 1, 2, 3 ... in order, never reused
    std::string_view summary;
    std::string_view sqlite_sql;
    std::string_view postgresql_sql;
};

std::span<const Migration> schema_migrations();

// The columns every account query returns, in this order; both backends read rows by position.
inline constexpr std::string_view account_columns =
    "jid, sip_user, sip_domain, password, auth_username, proxy, transport, contact_token, created_at, updated_at";

// The part of an upsert that replaces an existing row: every column but jid and created_at.
inline constexpr std::string_view account_update_clause =
    "ON CONFLICT (jid) DO UPDATE SET sip_user = excluded.sip_user, sip_domain = excluded.sip_domain, "
    "password = excluded.password, auth_username = excluded.auth_username, proxy = excluded.proxy, "
    "transport = excluded.transport, contact_token = excluded.contact_token, updated_at = excluded.updated_at";
int latest_schema_version();

}  // namespace gw::store
