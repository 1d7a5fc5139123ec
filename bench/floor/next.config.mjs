// The floor of issue 15 (bench/README.md, "The floor"): the least a Next.js page on this repository's own
// next/react versions can do for the Users page's job. Never shipped: built and started only by the bench.
/** @type {import('next').NextConfig} */
const floorConfig = {
  distDir: ".next-floor",
  poweredByHeader: false,
  serverExternalPackages: ["pg"],
};

export default floorConfig;
