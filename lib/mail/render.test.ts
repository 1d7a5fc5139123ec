import { describe, expect, it } from "vitest";
import { renderEmail } from "./render";

const content = {
  heading: 'Join <b>"Support"</b> & more',
  paragraphs: ["Ann <ann@example.com> invited you.", "It's free & easy"],
  button: { label: "Accept <now>", url: 'https://app.example.com/invite/abc?x=1&y="2"' },
  after: ["Expires <soon>"],
  footer: "Sent by <Switchboard>",
};

describe("renderEmail", () => {
  it("escapes every piece of text and the link in the HTML part", () => {
    const { html } = renderEmail("en", content);
    expect(html).toContain("Join &lt;b&gt;&quot;Support&quot;&lt;/b&gt; &amp; more");
    expect(html).toContain("Ann &lt;ann@example.com&gt; invited you.");
    expect(html).toContain("It&#39;s free &amp; easy");
    expect(html).toContain("Accept &lt;now&gt;");
    expect(html).toContain("Expires &lt;soon&gt;");
    expect(html).toContain("Sent by &lt;Switchboard&gt;");
    expect(html).toContain('href="https://app.example.com/invite/abc?x=1&amp;y=&quot;2&quot;"');
    // Nothing supplied survives as markup.
    expect(html).not.toMatch(/<b>|<now>|<soon>|<Switchboard>|<ann@/);
  });

  it("lays Arabic out right-to-left and English left-to-right", () => {
    const ar = renderEmail("ar", content).html;
    expect(ar).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar).toContain("text-align:right");
    const en = renderEmail("en", content).html;
    expect(en).toMatch(/<html lang="en" dir="ltr">/);
    expect(en).not.toContain('dir="rtl"');
  });

  it("has a plain-text part with every paragraph and the raw link", () => {
    const { text } = renderEmail("ar", content);
    expect(text).toContain(content.heading);
    for (const p of [...content.paragraphs, ...content.after, content.footer]) expect(text).toContain(p);
    expect(text).toContain(`Accept <now>: ${content.button.url}`);
    expect(text).not.toContain("&amp;");
  });

  it("keeps the link readable in the HTML for clients that block buttons", () => {
    const { html } = renderEmail("en", {
      ...content,
      button: { label: "Sign in", url: "https://app.example.com/api/auth/callback/email?token=t1" },
    });
    expect(html.match(/https:\/\/app\.example\.com\/api\/auth\/callback\/email\?token=t1/g)?.length).toBe(2);
  });
});
