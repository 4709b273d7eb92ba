import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  // The forms check some rules before submit with the domain's own functions (pure TypeScript, no I/O).
  resolve: { alias: { '#domain': fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)) } },
  build: { outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)), emptyOutDir: true },
});
