import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import { languagePages } from "./build/pages.js";
import { precompress } from "./build/precompress.js";
import { serviceWorker } from "./build/serviceWorker.js";

const clientRoot = fileURLToPath(new URL(".", import.meta.url));
/** The dev server proxies to the API server that `npm run dev` starts on DEV_API_PORT. */
const apiTarget = `http://localhost:${process.env.DEV_API_PORT ?? "3001"}`;

export default defineConfig({
  root: clientRoot,
  plugins: [preact(), serviceWorker(), languagePages(), precompress()],
  build: { outDir: fileURLToPath(new URL("../dist/client", import.meta.url)), emptyOutDir: true },
  server: {
    proxy: {
      "/api": apiTarget,
      "/socket.io": { target: apiTarget, ws: true },
    },
  },
});
