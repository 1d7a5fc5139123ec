import { z } from "zod";

// Every id the app is handed (route params, search params, cursors, action inputs) is
// read through this one schema before it reaches SQL: what Postgres's uuid type would
// refuse is "no such row", never a failed cast.

/** A uuid as Postgres writes it: 8-4-4-4-12 hex digits, any case. */
export const uuidSchema = z.guid();

/** The same schema with a catalog message key (`errors.<key>`) for forms and actions. */
export const uuid = (error: string) => z.guid({ error });

export const isUuid = (value: unknown): value is string => uuidSchema.safeParse(value).success;
