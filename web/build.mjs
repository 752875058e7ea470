// Builds the page for the relay: node build.mjs OUTPUT_DIR
//
// Bundles src/app.js and what it imports (the Java client's words.txt among them) into OUTPUT_DIR/app.js
// and the download worker src/download/worker.js into OUTPUT_DIR/sw.js (minified, with source maps), and
// copies src/index.html, zstd.wasm (the Zstandard library's, which app.js fetches from beside
// itself) and everything under src/static/ beside it. The Maven build passes
// target/classes/META-INF/resources, so the jar it makes is served at the relay's context root.
import { build } from "esbuild";
import { cp, mkdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

if (process.argv.length !== 3) {
  console.error("usage: node build.mjs OUTPUT_DIR");
  process.exit(2);
}
const out = resolve(process.argv[2]);
const src = join(dirname(fileURLToPath(import.meta.url)), "src");

await mkdir(out, { recursive: true });
const common = { bundle: true, target: "es2020", minify: true, sourcemap: true, logLevel: "warning" };
await build({
  ...common,
  entryPoints: [join(src, "app.js")],
  outfile: join(out, "app.js"),
  format: "esm",
  // The word list of new codes is the Java client's (imported by app.js), bundled as a string.
  loader: { ".txt": "text" },
});
// The service worker that streams downloads: a classic script, as every browser with workers runs.
await build({
  ...common,
  entryPoints: [join(src, "download", "worker.js")],
  outfile: join(out, "sw.js"),
  format: "iife",
});
await cp(join(src, "index.html"), join(out, "index.html"));
await cp(join(src, "..", "node_modules", "@bokuweb", "zstd-wasm", "dist", "web", "zstd.wasm"), join(out, "zstd.wasm"));
if (existsSync(join(src, "static"))) {
  await cp(join(src, "static"), out, { recursive: true });
}
console.log(`page built in ${out}`);
