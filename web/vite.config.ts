import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";

const outDir = fileURLToPath(new URL("../dist/web", import.meta.url));

/**
 * Writes `<file>.gz` next to every script and stylesheet, so the API process serves them compressed
 * without compressing on each request (src/api/console.ts picks the .gz when the browser accepts it).
 */
function precompress(): Plugin {
  return {
    name: "ikn-precompress",
    apply: "build",
    async writeBundle() {
      const assets = join(outDir, "assets");
      for (const name of await readdir(assets)) {
        if (!/\.(js|css)$/.test(name)) continue;
        const file = join(assets, name);
        await writeFile(`${file}.gz`, gzipSync(await readFile(file), { level: 9 }));
      }
    },
  };
}

// Built into dist/web and served by the API process; no CDN, no remote fonts.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  plugins: [precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
  },
});
