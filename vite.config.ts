import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `base: './'` makes every asset URL relative, so the built site works from any path
// (a GitHub Pages project folder, a file server sub-directory, a zip opened locally via a server).
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  // The page bundle (React + recharts) is ~700 kB; TensorFlow.js (~1.5 MB) lives only in the
  // training worker's bundle, which loads beside the page and never blocks it.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1600 },
});
