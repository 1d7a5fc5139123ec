// OpenTelemetry for a Node server, loaded by instrumentation.ts only when an OTLP endpoint is
// configured (lib/env.ts, otelConfig): off, none of this is imported. Next.js emits its own
// spans (the incoming request, rendering, route handlers) once a tracer provider is
// registered, so no auto-instrumentation package is needed. Metrics: the request duration,
// recorded from Next's request-handling span as it ends, and the app's own (lib/observability/metrics.ts).
import { metrics, SpanKind, type Histogram } from "@opentelemetry/api";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  type ReadableSpan,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-node";
import type { otelConfig } from "@/lib/env";
import { scoped } from "@/lib/log";
import { onShutdown } from "@/lib/startup/shutdown";

type Config = NonNullable<ReturnType<typeof otelConfig>>;

const seconds = ([s, ns]: [number, number]) => s + ns / 1e9;

/**
 * `http.server.request.duration` from the span Next opens for handling each request (kind
 * SERVER, with the route and the final status). A request the middleware answers by itself (a
 * redirect to sign-in, a 401) has only the middleware's span, which has neither: not counted.
 */
function requestDuration(histogram: Histogram): SpanProcessor {
  return {
    onStart() {},
    onEnd(span: ReadableSpan) {
      if (span.kind !== SpanKind.SERVER) return;
      const a = span.attributes;
      const route = a["http.route"] ?? a["next.route"];
      if (typeof route !== "string") return;
      const status = a["http.response.status_code"] ?? a["http.status_code"];
      histogram.record(seconds(span.duration), {
        "http.request.method": String(a["http.request.method"] ?? a["http.method"] ?? "GET"),
        "http.route": route,
        ...(typeof status === "number" ? { "http.response.status_code": status } : {}),
      });
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  };
}

export function startTelemetry(config: Config): void {
  const resource = resourceFromAttributes({ "service.name": config.serviceName });
  const readers = config.metricsUrl
    ? [
        new PeriodicExportingMetricReader({
          exporter: new OTLPMetricExporter({ url: config.metricsUrl }),
          exportIntervalMillis: config.metricIntervalMs,
          exportTimeoutMillis: Math.min(30_000, config.metricIntervalMs),
        }),
      ]
    : [];
  const meterProvider = new MeterProvider({ resource, readers });
  metrics.setGlobalMeterProvider(meterProvider);
  const histogram = meterProvider.getMeter("switchboard").createHistogram("http.server.request.duration", {
    unit: "s",
    description: "Duration of incoming HTTP requests",
  });
  const tracerProvider = new NodeTracerProvider({
    resource,
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl })),
      requestDuration(histogram),
    ],
  });
  tracerProvider.register();
  // After the last request, before exit: what is still buffered is sent.
  onShutdown(
    "telemetry",
    async () => {
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
    { last: true },
  );
  scoped("telemetry").info(
    { service: config.serviceName, traces: config.tracesUrl, metrics: config.metricsUrl },
    "OpenTelemetry on (OTLP/HTTP JSON)",
  );
}
