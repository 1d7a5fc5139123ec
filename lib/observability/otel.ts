// OpenTelemetry for a Node server, loaded by instrumentation.ts only when an OTLP endpoint is
// configured (lib/env.ts, otelConfig): off, none of this is imported. Next.js emits its own
// spans (the incoming request, rendering, route handlers) once a tracer provider is
// registered, so no auto-instrumentation package is needed. Metrics: the request duration,
// recorded from Next's request span as it ends, and the app's own (lib/observability/metrics.ts).
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
 * `http.server.request.duration` from each incoming request's server span (Next's root span,
 * kind SERVER). Next puts the route (`next.route`) on the spans inside the request, which end
 * before the root one: it is remembered per trace until the root span ends.
 */
function requestDuration(histogram: Histogram): SpanProcessor {
  const routes = new Map<string, string>();
  return {
    onStart() {},
    onEnd(span: ReadableSpan) {
      const { traceId } = span.spanContext();
      const a = span.attributes;
      const route = a["http.route"] ?? a["next.route"];
      const root = span.kind === SpanKind.SERVER && !span.parentSpanContext;
      if (!root) {
        // Bounded: a trace whose root never ends (a stream cut at shutdown) cannot grow the map.
        if (typeof route === "string" && routes.size < 10_000) routes.set(traceId, route);
        return;
      }
      const known = typeof route === "string" ? route : routes.get(traceId);
      routes.delete(traceId);
      const status = a["http.response.status_code"] ?? a["http.status_code"];
      histogram.record(seconds(span.duration), {
        "http.request.method": String(a["http.request.method"] ?? a["http.method"] ?? "GET"),
        ...(typeof status === "number" ? { "http.response.status_code": status } : {}),
        ...(known ? { "http.route": known } : {}),
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
