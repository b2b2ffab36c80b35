/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// The app loads the built files from ui/dist (embedded by tauri at build time); there is no
// dev server URL in tauri.conf.json.
export default defineConfig({
  clearScreen: false,
  build: {
    target: "safari16",
    outDir: "dist",
    emptyOutDir: true,
    // One script, no inline code: the CSP allows only 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
});
