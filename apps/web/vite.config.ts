import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { signInPagePaths } from '../../packages/contracts/src/routes/public-paths.ts';

// The sign-in pages are a page of their own (connexion.html, a light bundle); the API server
// serves it for these paths, and so does the development server.
const signInPage: Plugin = {
  name: 'parcours-sign-in-page',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const path = req.url?.split('?')[0] ?? '';
      if ((signInPagePaths as readonly string[]).includes(path))
        req.url = `/connexion.html${req.url?.slice(path.length) ?? ''}`;
      next();
    });
  },
};

const apiTarget = process.env.PARCOURS_API_URL ?? 'http://127.0.0.1:3000';
const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '/health': { target: apiTarget, changeOrigin: false },
  '/ready': { target: apiTarget, changeOrigin: false },
};

export default defineConfig({
  plugins: [react(), signInPage],
  server: { host: '127.0.0.1', port: 5173, strictPort: false, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: { main: 'index.html', connexion: 'connexion.html' },
      output: {
        codeSplitting: {
          groups: [
            // Each vendor chunk stays under the 80 kB gzip budget and is cached apart from the app.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /node_modules[\\/](react-router|cookie)[\\/]/ },
            // Charts (recharts and what it alone uses): loaded with the steering pages, never by the
            // entry; three chunks to keep each within the budget, recharts last (a group takes the modules
            // it imports that no group before it took).
            {
              name: 'charts-scales',
              test: /node_modules[\\/](victory-vendor|d3-[a-z-]+|internmap|decimal\.js-light)[\\/]/,
            },
            {
              name: 'charts-state',
              test: /node_modules[\\/](@reduxjs|react-redux|reselect|immer|redux|redux-thunk|eventemitter3|es-toolkit|tiny-invariant|clsx|use-sync-external-store)[\\/]/,
            },
            { name: 'charts', test: /node_modules[\\/]recharts[\\/]/ },
            // zod-setup rides with Zod: it must run before the contracts' chunk builds any schema,
            // and a chunk runs before the entry's own code (CSP: no eval probe).
            { name: 'vendor', test: /node_modules[\\/]|[\\/]src[\\/]zod-setup\.ts$/ },
          ],
        },
      },
    },
  },
});
