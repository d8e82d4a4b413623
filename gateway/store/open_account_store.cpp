#include "gateway/store/account_store.hpp"
#include "gateway/store/pg_account_store.hpp"
#include "gateway/store/sqlite_account_store.hpp"

namespace gw::store {

std::unique_ptr<AccountStore> open_account_store(const StoreOptions& options) {
    switch (options.backend) {
    case StoreOptions::Backend::sqlite:
        if (options.path.empty()) throw StoreError("account store: no SQLite file given (store.path is empty)");
        return std::make_unique<SqliteAccountStore>(options.path);
    case StoreOptions::Backend::postgresql:
        if (options.conninfo.empty())
            throw StoreError("account store: no PostgreSQL connection string given (store.conninfo is empty)");
        return std::make_unique<PgAccountStore>(options.conninfo);
    }
    throw StoreError("account store: unknown backend");
}

}  // namespace gw::store
