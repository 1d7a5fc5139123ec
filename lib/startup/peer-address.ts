import http from "node:http";
import { PEER_HEADER } from "@/lib/request-ip";

/**
 * Stamp every incoming request with its socket's peer address before Next.js sees it, and drop
 * any copy the client sent. Route handlers and server actions only get headers; this is how the
 * client-IP logic (lib/request-ip.ts) learns who is really on the other end of the connection.
 * Patching the prototype reaches the server `next start` has already created.
 */
export function installPeerAddressHeader(): void {
  const proto = http.Server.prototype as http.Server & { __switchboardPeer?: boolean };
  if (proto.__switchboardPeer) return;
  proto.__switchboardPeer = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      delete req.headers[PEER_HEADER];
      const peer = req.socket?.remoteAddress;
      if (peer) req.headers[PEER_HEADER] = peer;
    }
    return (emit as (...a: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof proto.emit;
}
