import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const api = { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } };

// The web app: sources in src/web, built into dist/web, which the API server serves.
export default defineConfig({
  root: path.resolve(here, 'src/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { proxy: api },
  preview: { proxy: api },
});
