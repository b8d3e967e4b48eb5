import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API (GraphQL + socket.io) runs on port 4000; in dev Vite proxies to it so the browser sees one origin,
// exactly as in production where the API serves web/dist.
const apiTarget = process.env.VITE_API_TARGET ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: apiTarget, changeOrigin: true },
      '/healthz': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, changeOrigin: true, ws: true },
      '/files': { target: apiTarget, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest lets the bundle bench tell the initial route's files from lazy role areas.
    manifest: true,
    sourcemap: false,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Long-lived vendor chunks change less often than app code, so browsers keep them cached across deploys.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
            { name: 'graphql', test: /node_modules[\\/](urql|@urql|wonka|@0no-co)[\\/]/, priority: 20 },
            {
              name: 'i18n',
              test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
              priority: 20,
            },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 20 },
            // @promesse/shared is TS source resolved through its workspace symlink (no node_modules in the path).
            { name: 'shared', test: /[\\/]shared[\\/]src[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
