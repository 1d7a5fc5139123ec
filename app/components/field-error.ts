import type { FieldError } from "react-hook-form";
import type { MessageKey, MessageValues, Translator } from "@/lib/i18n/translate";

/**
 * The text for a form field's error. Errors from the shared zod schema carry a catalog key
 * under `errors.` (translated here, with `values` for placeholders such as {max}); errors
 * set from an ActionResult (type "server") are already translated by the server.
 */
export function fieldErrorText(
  t: Translator,
  error: FieldError | undefined,
  values?: MessageValues,
): string | undefined {
  if (!error?.message) return undefined;
  if (error.type === "server") return error.message;
  const key = `errors.${error.message}` as MessageKey;
  const text = t(key, values);
  return text === key ? t("errors.invalidInput") : text;
}
