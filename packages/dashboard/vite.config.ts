import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The server's Content-Security-Policy allows same-origin scripts and styles only: nothing may be inlined
// into index.html, and assets stay files (no data: URLs) so the policy never needs loosening. Paths are
// absolute so the build works from any working folder (npm's workspace script, or the tests' vite.build()).
export default defineConfig({
  root: fileURLToPath(new URL("./app", import.meta.url)),
  base: "/",
  plugins: [react()],
  // `npm run dev -w @rewardscope/dashboard`: the app with hot reload, its API calls sent to a local
  // `rewardscope serve` (REWARDSCOPE_URL, default http://127.0.0.1:8808).
  server: { proxy: { "/api": process.env.REWARDSCOPE_URL ?? "http://127.0.0.1:8808" } },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: true,
    modulePreload: { polyfill: false },
  },
});
