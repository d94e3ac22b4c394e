export { migratePg, PG_MIGRATIONS, type PgMigration } from "./migrations.js";
export { openPgStore, PgStore, type PgStoreOptions } from "./pg-store.js";
export { openPgRunLeases, PgRunLeases, type PgRunLeasesOptions } from "./run-leases.js";
