/** A typed number as a number; anything else as typed, so the API names the field and its rule. */
export const asNumber = (value: string): number | string =>
  value.trim() === '' || Number.isNaN(Number(value)) ? value : Number(value);

/** One entry a line (or comma-separated), blanks dropped. */
export const asList = (value: string, separator: RegExp = /\n/): string[] =>
  value
    .split(separator)
    .map((entry) => entry.trim())
    .filter(Boolean);
