import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app lives in web/ and is served by the Node server from dist/web (see server/app.ts).
export default defineConfig({
  root: "web",
  base: "/",
  plugins: [react()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    // antd alone is ~1 MB unminified; the first screen loads only the shell, pages are lazy chunks.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
});
