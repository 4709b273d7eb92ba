const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export const formatDateTime = (iso: string | null | undefined): string => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatDate = (iso: string | null | undefined): string =>
  iso ? date.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : '—';

/** "45 s", "12 min", "3 h 5 min", "4 days". */
export const formatDuration = (seconds: number | null | undefined): string => {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 1) return 'under 1 s';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.round(hours / 24)} days`;
};

export const formatPercent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : `${Math.round(share * 1000) / 10}%`;

export const shortId = (id: string): string => id.slice(0, 8);

/** "extra time" → "Extra time": a phrase that starts a sentence or an option. */
export const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export const levelOf = (level: { framework: string; level: number } | undefined | null): string =>
  level ? `${level.framework} ${level.level}` : '—';

/** "near-boundary" → "near a boundary". */
export const SAMPLING_REASONS: Record<string, string> = {
  fail: 'a fail',
  'near-boundary': 'near a boundary',
  systematic: 'systematic sample',
  amended: 'amended after moderation began',
};
