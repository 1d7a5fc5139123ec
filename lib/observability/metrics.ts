// The app's own metrics, through the OpenTelemetry API: no-ops unless instrumentation.ts
// started the SDK (OTEL_EXPORTER_OTLP_ENDPOINT set). No `server-only` marker: the job loops
// (instrumentation) count their rounds here.
import { metrics, type Counter } from "@opentelemetry/api";

let cached: { provider: unknown; jobRuns: Counter } | undefined;

/** The instruments of the meter provider registered now (a no-op one while telemetry is off). */
function instruments() {
  const provider = metrics.getMeterProvider();
  if (cached?.provider !== provider) {
    const meter = provider.getMeter("switchboard");
    cached = {
      provider,
      jobRuns: meter.createCounter("switchboard.job.runs", {
        description: "Rounds of the background jobs (lib/jobs/registry.ts), by job and outcome",
      }),
    };
  }
  return cached;
}

/** One round of a background job ran. */
export function countJobRun(job: string, outcome: "ok" | "failed"): void {
  instruments().jobRuns.add(1, { "switchboard.job": job, "switchboard.outcome": outcome });
}
