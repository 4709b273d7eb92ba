import { FONTS } from './fonts.js';

/** Colours and type of the certificate: embedded Unicode fonts (./fonts.ts). */
export const THEME = {
  ink: '#1d2433',
  navy: '#1b2f5b',
  gold: '#b08d3c',
  muted: '#5b6475',
  rule: '#d8dce4',
  panel: '#f4f6fa',
  red: '#b3261e',
  serif: FONTS.serif,
  serifBold: FONTS.serifBold,
  serifItalic: FONTS.serifItalic,
  sans: FONTS.sans,
  sansBold: FONTS.sansBold,
} as const;

export const longDate = (isoDate: string): string =>
  new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export const shortDate = (isoDate: string): string =>
  new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
