import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `base: './'` makes every asset URL relative, so the built site works from any path
// (a GitHub Pages project folder, a file server sub-directory, a zip opened locally via a server).
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  // React + recharts alone are ~600 kB minified; tfjs backends will be loaded lazily with import().
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 900 },
});
