"use client";

// Replaces the root layout when it fails, so the catalog (and the session) may be
// unavailable: both languages, inline styles, no imports that could fail again (the reference
// helper is pure).
import { errorReference } from "./components/error-reference";

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const reference = errorReference(error);
  return (
    <html lang="en">
      <body
        style={{
          margin: 0,
          fontFamily: "system-ui, 'Segoe UI', 'Noto Sans Arabic', Tahoma, sans-serif",
          background: "#f9fafb",
          color: "#111827",
        }}
      >
        <title>Switchboard</title>
        <main
          style={{
            maxWidth: 440,
            margin: "15vh auto",
            padding: 32,
            background: "#fff",
            border: "1px solid #e5e7eb",
            borderRadius: 12,
            textAlign: "center",
          }}
        >
          <h1 style={{ fontSize: 20, margin: "0 0 8px" }}>Something went wrong</h1>
          <p style={{ margin: "0 0 20px", color: "#4b5563" }}>Please try again in a moment.</p>
          <div lang="ar" dir="rtl">
            <h2 style={{ fontSize: 20, margin: "0 0 8px" }}>حدث خطأ ما</h2>
            <p style={{ margin: "0 0 20px", color: "#4b5563" }}>يرجى المحاولة مرة أخرى بعد قليل.</p>
          </div>
          <button
            type="button"
            onClick={() => retry()}
            style={{
              background: "#2855d9",
              color: "#fff",
              border: 0,
              borderRadius: 6,
              padding: "10px 18px",
              fontSize: 14,
              cursor: "pointer",
            }}
          >
            Try again · حاول مرة أخرى
          </button>
          {reference ? (
            <p style={{ margin: "20px 0 0", fontSize: 13, color: "#6b7280" }} data-testid="error-reference">
              Reference · المرجع: <bdi style={{ fontFamily: "monospace" }}>{reference}</bdi>
            </p>
          ) : null}
        </main>
      </body>
    </html>
  );
}
