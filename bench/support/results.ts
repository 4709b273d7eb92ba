import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes bench/results/<name>.json (pretty, newline-terminated) and says where. */
export const writeResult = (name: string, result: unknown): string => {
  const folder = join(process.cwd(), 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
};

export const machine = (): string => `${process.version}, ${process.platform}/${process.arch}`;
