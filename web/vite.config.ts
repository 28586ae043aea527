import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The web app: five pages, each its own entry. `/config.json` (API base URL, sign-in options) is not
 * built: the local gateway serves it, and CDK writes it into the bucket at deploy time.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The largest chunk is ECharts (tree-shaken), which only the dashboard loads.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      input: {
        complaint: page('./index.html'),
        track: page('./track/index.html'),
        survey: page('./survey/index.html'),
        privacy: page('./privacy/index.html'),
        console: page('./console/index.html'),
      },
    },
  },
});
