export { MIGRATIONS, type Migration, migrate, schemaVersion } from "./migrations.js";
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from "./sqlite-store.js";
