import { Fragment, type ReactNode } from "react";

const MARK = "\u0001";

/**
 * Render a translated sentence with one value (an email, a name) inside <bdi>, so a
 * left-to-right address reads correctly inside Arabic text. Use as
 * `withIsolated((v) => t("key", { email: v }), address)`. Pass `dir="ltr"` for a value with no
 * letters (an IP address such as ::1), which <bdi>'s automatic direction would show reversed.
 */
export function withIsolated(format: (placeholder: string) => string, value: string, dir?: "ltr"): ReactNode {
  const parts = format(MARK).split(MARK);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? <bdi dir={dir}>{value}</bdi> : null}
    </Fragment>
  ));
}
