import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // Shared code from its source, like the API: the contracts (views, public event types) and the domain,
  // whose pure rule functions the forms run before submit.
  resolve: {
    alias: {
      '#contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)),
      '#domain': fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)),
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)), emptyOutDir: true },
});
