import type { Locale } from "./locales";
import { en, type Messages } from "./messages/en";
import { ar } from "./messages/ar";

export const catalogs: Record<Locale, Messages> = { en, ar };
