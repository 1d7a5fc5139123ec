import { createConnection } from "node:net";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";

/**
 * A WebSocket-to-TCP proxy, the local stand-in for Neon's/Vercel's WebSocket endpoint
 * (docs/ARCHITECTURE.md, known trap 5): `@vercel/postgres` speaks the Postgres protocol over a WebSocket,
 * and this forwards each connection to the TCP address in its `?address=host:port`.
 * Only loopback targets are allowed: it is a test tool, never an open relay.
 */
export async function startWsTcpProxy(): Promise<{ port: number; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, path: "/v1" });
  wss.on("connection", (ws, req) => {
    const address = new URL(req.url ?? "", "http://proxy").searchParams.get("address") ?? "";
    const [host, port] = address.split(":");
    if (!["localhost", "127.0.0.1"].includes(host) || !Number(port)) return ws.close(1008, "loopback only");
    const tcp = createConnection({ host: "127.0.0.1", port: Number(port) });
    const pending: Buffer[] = [];
    tcp.on("connect", () => pending.splice(0).forEach((chunk) => tcp.write(chunk)));
    ws.on("message", (data: Buffer) => (tcp.connecting ? pending.push(data) : tcp.write(data)));
    tcp.on("data", (chunk) => ws.readyState === ws.OPEN && ws.send(chunk));
    ws.on("close", () => tcp.end());
    ws.on("error", () => tcp.destroy());
    tcp.on("close", () => ws.close());
    tcp.on("error", () => ws.terminate());
  });
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  const { port } = wss.address() as AddressInfo;
  return {
    port,
    close: () => {
      for (const client of wss.clients) client.terminate();
      return new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
