import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "./support/test";

// docs/PRODUCT.md, Data and configuration: production refuses to start without a way to send mail (no SMTP_URL and no
// explicit MAIL_OUTBOX=1), and without NEXTAUTH_SECRET. No browser needed.

interface Exit {
  code: number | null;
  output: string;
  timedOut: boolean;
}

function nextStart(port: number, env: Record<string, string | undefined>, timeoutMs = 45_000): Promise<Exit> {
  const dataDir = `.data/e2e-refusal-${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_DIST_DIR: ".next",
    PGLITE_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const key of ["SMTP_URL", "MAIL_OUTBOX", "DATABASE_URL", "POSTGRES_URL", "NEXTAUTH_SECRET", "DEMO_SEED"])
    delete childEnv[key];
  Object.assign(childEnv, env);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, output, timedOut });
    });
  });
}

test.describe("next start refuses an unsafe configuration", () => {
  test.setTimeout(120_000);

  test("without SMTP_URL and without MAIL_OUTBOX", async () => {
    const result = await nextStart(3291, { NEXTAUTH_SECRET: "refusal-test-secret" });
    expect(result.timedOut, result.output).toBe(false);
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain("Refusing to start: SMTP_URL is not set");
    expect(result.output).toContain("MAIL_OUTBOX=1");
  });

  test("without NEXTAUTH_SECRET", async () => {
    const result = await nextStart(3292, { SMTP_URL: "smtp://127.0.0.1:2599" });
    expect(result.timedOut, result.output).toBe(false);
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain("NEXTAUTH_SECRET is not set");
  });
});
