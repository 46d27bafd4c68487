import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Built into dist/web, served by the API process (src/api/console.ts); no CDN, no remote fonts.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
  },
});
