import { execFileSync, spawnSync } from 'node:child_process';

/** poppler-utils are optional locally, required on CI. */
export const havePoppler = (): boolean =>
  ['pdftoppm', 'pdftotext'].every((tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined);

export const requirePopplerOrSkip = (): boolean => {
  if (havePoppler()) return true;
  if (process.env.CI === 'true') throw new Error('pdftoppm/pdftotext (poppler-utils) are required on CI');
  console.warn('SKIPPING PDF rendering checks: install poppler-utils (pdftoppm, pdftotext) to run them');
  return false;
};

/** `pdftoppm -png -r 60`: the path of the first page's PNG. */
export const renderFirstPage = (pdfPath: string, outPrefix: string, dpi = 60): string => {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-singlefile', pdfPath, outPrefix]);
  return `${outPrefix}.png`;
};

export const pdfText = (pdfPath: string): string =>
  execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });

export const pageCount = (pdfPath: string): number => {
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
};

/** `pdffonts`: each font's name and whether it is embedded. */
export const pdfFonts = (pdfPath: string): { name: string; embedded: boolean }[] =>
  execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      // name type [encoding] emb sub uni object ID: "emb" is the fifth column from the end.
      return { name: columns[0]!, embedded: columns[columns.length - 5] === 'yes' };
    });
