import type { ColumnType } from 'kysely';

/** Timestamps are written as Date or ISO strings and read back as Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json = ColumnType<unknown, string, string>;
/** A calendar date (YYYY-MM-DD), as node-postgres and PGlite return it. */
export type DateString = string;
