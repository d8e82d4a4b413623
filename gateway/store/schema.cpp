#include "gateway/store/schema.hpp"

#include <array>

namespace gw::store {
namespace {

// Append new migrations at the end; never edit one that has shipped.
constexpr std::array<Migration, 1> migrations{{
    {1, "sip_accounts table",
     R"sql(
CREATE TABLE sip_accounts (
    jid           TEXT NOT NULL PRIMARY KEY,
    sip_user      TEXT NOT NULL,
    sip_domain    TEXT NOT NULL,
    password      TEXT NOT NULL,
    auth_username TEXT NOT NULL DEFAULT '',
    proxy         TEXT NOT NULL DEFAULT '',
    transport     TEXT NOT NULL DEFAULT '',
    contact_token TEXT NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
)sql",
     R"sql(
CREATE TABLE sip_accounts (
    jid           TEXT NOT NULL PRIMARY KEY,
    sip_user      TEXT NOT NULL,
    sip_domain    TEXT NOT NULL,
    password      TEXT NOT NULL,
    auth_username TEXT NOT NULL DEFAULT '',
    proxy         TEXT NOT NULL DEFAULT '',
    transport     TEXT NOT NULL DEFAULT '',
    contact_token TEXT NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
)sql"},
}};

}  // namespace

std::span<const Migration> schema_migrations() { return migrations; }

int latest_schema_version() { return migrations.back().version; }

}  // namespace gw::store
