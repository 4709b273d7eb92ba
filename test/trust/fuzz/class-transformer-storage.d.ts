// class-transformer ships the storage's types apart from its CommonJS file (no `exports` map joins them).
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage.js';
}
