import { dir, type Locale } from "@/lib/i18n/locales";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface EmailContent {
  heading: string;
  paragraphs: string[];
  button: { label: string; url: string };
  after?: string[];
  footer: string;
}

/** Every email has an HTML and a text part, laid out in the recipient's language direction. */
export function renderEmail(locale: Locale, c: EmailContent): { html: string; text: string } {
  const d = dir(locale);
  const align = d === "rtl" ? "right" : "left";
  const p = (s: string) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(s)}</p>`;
  const html = `<!doctype html><html lang="${locale}" dir="${d}"><body style="margin:0;background:#f4f5f7;font-family:system-ui,Segoe UI,Tahoma,sans-serif;color:#1f2937">
<div style="max-width:520px;margin:24px auto;background:#fff;border-radius:8px;padding:32px;text-align:${align}" dir="${d}">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(c.heading)}</h1>
${c.paragraphs.map(p).join("\n")}
<p style="margin:24px 0"><a href="${escapeHtml(c.button.url)}" style="background:#2855d9;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(c.button.label)}</a></p>
<p style="margin:0 0 16px;font-size:12px;color:#6b7280;word-break:break-all" dir="ltr">${escapeHtml(c.button.url)}</p>
${(c.after ?? []).map(p).join("\n")}
<p style="margin:24px 0 0;font-size:12px;color:#6b7280">${escapeHtml(c.footer)}</p>
</div></body></html>`;
  const text = [
    c.heading,
    "",
    ...c.paragraphs.flatMap((x) => [x, ""]),
    `${c.button.label}: ${c.button.url}`,
    "",
    ...(c.after ?? []).flatMap((x) => [x, ""]),
    c.footer,
  ].join("\n");
  return { html, text };
}
