import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A minimal OTLP/HTTP receiver (JSON encoding, what @opentelemetry/exporter-*-otlp-http send):
// keeps every request body by path and counts the connections made to it.

type AnyValue = { stringValue?: string; intValue?: number | string; boolValue?: boolean; doubleValue?: number };
export type KeyValue = { key: string; value: AnyValue };

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, string | number | boolean | undefined>;
  service?: string;
}

export interface OtlpPoint {
  metric: string;
  attributes: Record<string, string | number | boolean | undefined>;
  value: number;
}

export const flat = (attrs: KeyValue[] = []) =>
  Object.fromEntries(
    attrs.map((a) => [
      a.key,
      a.value.stringValue ??
        (a.value.intValue !== undefined ? Number(a.value.intValue) : undefined) ??
        a.value.boolValue ??
        a.value.doubleValue,
    ]),
  );

export interface Receiver {
  url: string;
  port: number;
  connections: () => number;
  bodies: (path: string) => unknown[];
  spans: () => OtlpSpan[];
  points: () => OtlpPoint[];
  close(): Promise<void>;
}

interface TracesBody {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { spans?: (Omit<OtlpSpan, "attributes"> & { attributes?: KeyValue[] })[] }[];
  }[];
}
interface DataPoint {
  attributes?: KeyValue[];
  asInt?: number | string;
  asDouble?: number;
  count?: number | string;
}
interface MetricsBody {
  resourceMetrics?: {
    scopeMetrics?: {
      metrics?: { name: string; sum?: { dataPoints?: DataPoint[] }; histogram?: { dataPoints?: DataPoint[] } }[];
    }[];
  }[];
}

export async function startReceiver(port = 0): Promise<Receiver> {
  const bodies = new Map<string, unknown[]>();
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* kept as text: the assertions then fail on it */
      }
      const list = bodies.get(req.url ?? "") ?? [];
      list.push(body);
      bodies.set(req.url ?? "", list);
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const of = (path: string) => bodies.get(path) ?? [];
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    connections: () => connections,
    bodies: of,
    spans: () =>
      (of("/v1/traces") as TracesBody[]).flatMap((b) =>
        (b.resourceSpans ?? []).flatMap((rs) => {
          const service = flat(rs.resource?.attributes)["service.name"] as string | undefined;
          return (rs.scopeSpans ?? []).flatMap((ss) =>
            (ss.spans ?? []).map((s) => ({ ...s, attributes: flat(s.attributes), service })),
          );
        }),
      ),
    points: () =>
      (of("/v1/metrics") as MetricsBody[]).flatMap((b) =>
        (b.resourceMetrics ?? []).flatMap((rm) =>
          (rm.scopeMetrics ?? []).flatMap((sm) =>
            (sm.metrics ?? []).flatMap((m) =>
              [...(m.sum?.dataPoints ?? []), ...(m.histogram?.dataPoints ?? [])].map((p) => ({
                metric: m.name,
                attributes: flat(p.attributes),
                value: Number(p.asInt ?? p.asDouble ?? p.count ?? 0),
              })),
            ),
          ),
        ),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
