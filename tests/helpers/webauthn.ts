// A software authenticator for the database tier: a real P-256 key, real CBOR, real ES256
// signatures, so @simplewebauthn/server checks the responses exactly as it checks a browser's.
// The browser tier uses Chromium's virtual authenticator instead (tests/e2e/passkeys.spec.ts).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

export interface SoftAuthenticator {
  credentialId: string;
  counter: number;
  privateKey: KeyObject;
  coseKey: Uint8Array;
}

export function softAuthenticator(): SoftAuthenticator {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const cose = new Map<number, number | Uint8Array>([
    [1, 2], // kty EC2
    [3, -7], // alg ES256
    [-1, 1], // crv P-256
    [-2, isoBase64URL.toBuffer(jwk.x!)],
    [-3, isoBase64URL.toBuffer(jwk.y!)],
  ]);
  return {
    credentialId: isoBase64URL.fromBuffer(randomBytes(16)),
    counter: 0,
    privateKey,
    coseKey: isoCBOR.encode(cose),
  };
}

function clientData(type: string, challenge: string, origin: string) {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), "utf8");
}

function authData(rpID: string, flags: number, counter: number, attested?: Uint8Array) {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter);
  return Buffer.concat([sha256(rpID), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
}

/** navigator.credentials.create: a "none" attestation for the challenge, origin and RP ID given. */
export function register(
  a: SoftAuthenticator,
  opts: { challenge: string; origin: string; rpID: string },
): RegistrationResponseJSON {
  const id = isoBase64URL.toBuffer(a.credentialId);
  const idLen = Buffer.alloc(2);
  idLen.writeUInt16BE(id.length);
  const attested = Buffer.concat([Buffer.alloc(16), idLen, id, a.coseKey]);
  const data = authData(opts.rpID, 0x01 | 0x04 | 0x40, a.counter, attested);
  const attestationObject = isoCBOR.encode(
    new Map<string, unknown>([
      ["fmt", "none"],
      ["attStmt", new Map()],
      ["authData", data],
    ]) as never,
  );
  return {
    id: a.credentialId,
    rawId: a.credentialId,
    type: "public-key",
    response: {
      clientDataJSON: isoBase64URL.fromBuffer(clientData("webauthn.create", opts.challenge, opts.origin)),
      attestationObject: isoBase64URL.fromBuffer(attestationObject),
      transports: ["internal"],
    },
    clientExtensionResults: {},
  };
}

/** navigator.credentials.get: an ES256 assertion; the counter goes up by one unless told. */
export function authenticate(
  a: SoftAuthenticator,
  opts: { challenge: string; origin: string; rpID: string; counter?: number },
): AuthenticationResponseJSON {
  a.counter = opts.counter ?? a.counter + 1;
  const data = authData(opts.rpID, 0x01 | 0x04, a.counter);
  const cd = clientData("webauthn.get", opts.challenge, opts.origin);
  const signature = sign("sha256", Buffer.concat([data, sha256(cd)]), a.privateKey);
  return {
    id: a.credentialId,
    rawId: a.credentialId,
    type: "public-key",
    response: {
      clientDataJSON: isoBase64URL.fromBuffer(cd),
      authenticatorData: isoBase64URL.fromBuffer(data),
      signature: isoBase64URL.fromBuffer(signature),
    },
    clientExtensionResults: {},
  };
}
