import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Unicode fonts for every PDF this system renders, embedded (pdfkit subsets TTFs through fontkit):
 * DejaVu for Latin, Greek, Cyrillic and Vietnamese, Noto Sans SC for the CJK runs DejaVu lacks.
 * Register them on a document with `useUnicodeFonts`, write mixed-script text with `writeText`.
 */
export const FONTS = {
  sans: 'DejaVuSans',
  sansBold: 'DejaVuSans-Bold',
  serif: 'DejaVuSerif',
  serifBold: 'DejaVuSerif-Bold',
  serifItalic: 'DejaVuSerif-Italic',
  cjk: 'NotoSansSC',
} as const;
export type FontName = (typeof FONTS)[keyof typeof FONTS];

const require = createRequire(import.meta.url);
const FILES: Record<FontName, string> = {
  DejaVuSans: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  'DejaVuSans-Bold': 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  DejaVuSerif: 'dejavu-fonts-ttf/ttf/DejaVuSerif.ttf',
  'DejaVuSerif-Bold': 'dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf',
  'DejaVuSerif-Italic': 'dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf',
  NotoSansSC: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
};

// Read once per process: the CJK font alone is 10 MB.
const bytes = new Map<FontName, Buffer>();
const fontBytes = (name: FontName): Buffer => {
  let found = bytes.get(name);
  if (!found) bytes.set(name, (found = readFileSync(require.resolve(FILES[name]))));
  return found;
};

/** Registers the fonts under their FONTS names. */
export const useUnicodeFonts = (doc: PDFKit.PDFDocument): void => {
  for (const name of Object.values(FONTS)) doc.registerFont(name, fontBytes(name));
};

// Han, Hiragana/Katakana, Hangul, CJK punctuation and full-width forms: not in DejaVu.
const CJK =
  /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+/gu;

/** The text cut into runs, each with the font that has its glyphs. */
export const fontRuns = (text: string, font: FontName): { text: string; font: FontName }[] => {
  const runs: { text: string; font: FontName }[] = [];
  let at = 0;
  for (const match of text.matchAll(CJK)) {
    if (match.index > at) runs.push({ text: text.slice(at, match.index), font });
    runs.push({ text: match[0], font: FONTS.cjk });
    at = match.index + match[0].length;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at), font });
  return runs;
};

/**
 * `doc.text` that falls back to the CJK font run by run. Mixed runs are placed one after another on
 * one line (pdfkit's `continued` breaks a centred line between fonts); a single run wraps as usual.
 */
export const writeText = (
  doc: PDFKit.PDFDocument,
  text: string,
  font: FontName,
  x: number,
  y: number,
  options: PDFKit.Mixins.TextOptions = {},
): void => {
  const runs = fontRuns(text, font);
  if (runs.length === 1) {
    doc.font(font).text(text, x, y, options);
    return;
  }
  const widths = runs.map((run) => doc.font(run.font).widthOfString(run.text));
  const total = widths.reduce((sum, width) => sum + width, 0);
  const free = Math.max(0, (options.width ?? total) - total);
  let at = x + (options.align === 'center' ? free / 2 : options.align === 'right' ? free : 0);
  runs.forEach((run, i) => {
    doc.font(run.font).text(run.text, at, y, { ...options, width: undefined, align: 'left', lineBreak: false });
    at += widths[i] ?? 0;
  });
  doc.x = x;
};
