/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build directory lets several servers run from one checkout (tests, benchmarks).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite ships WASM + data files that must be loaded from node_modules at run time
  // (docs/ARCHITECTURE.md, known trap 1); pg and nodemailer are Node-only as well.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "kysely-pglite-dialect",
    "pg",
    "nodemailer",
    "@vercel/postgres",
    "@neondatabase/serverless",
    "ws",
  ],
  poweredByHeader: false,
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "3mb" } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};
export default nextConfig;
