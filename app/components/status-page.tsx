import type { ReactNode } from "react";

/** The shared frame of the 403 / 404 / error pages: a code, a title, a sentence, actions, a footnote. */
export function StatusPage({
  code,
  title,
  body,
  children,
  footer,
}: {
  code: string;
  title: string;
  body: string;
  children: ReactNode;
  /** A line under the actions (the error page's "Reference: …"). */
  footer?: string;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <section className="w-full max-w-md rounded-xl border border-gray-200 bg-white p-8 text-center shadow-sm">
        <p className="text-sm font-semibold text-brand-600">{code}</p>
        <h1 className="mt-2 text-xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-3 text-gray-600">{body}</p>
        <div className="mt-6 flex justify-center gap-3">{children}</div>
        {footer ? (
          <p className="mt-6 text-sm text-gray-500" data-testid="error-reference">
            <bdi>{footer}</bdi>
          </p>
        ) : null}
      </section>
    </main>
  );
}
