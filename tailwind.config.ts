import type { Config } from "tailwindcss";

// Tailwind v4 reads this file through `@config` in app/globals.css.
export default {
  content: ["./app/**/*.{ts,tsx}", "./lib/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { 50: "#eef5ff", 100: "#d9e8ff", 500: "#3b6ef5", 600: "#2855d9", 700: "#1f43ad" },
      },
      fontFamily: {
        sans: ["system-ui", "Segoe UI", "Noto Sans", "Noto Sans Arabic", "Tahoma", "sans-serif"],
      },
    },
  },
} satisfies Config;
