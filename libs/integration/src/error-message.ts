/**
 * `message (cause message)`. Duck-typed rather than `instanceof Error`: errors may come from
 * another realm (fetch's under jest's VM modules, for one).
 */
export const errorMessage = (error: unknown): string => {
  const messageOf = (e: unknown): string | undefined =>
    typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string'
      ? (e as { message: string }).message
      : undefined;
  const message = messageOf(error) ?? String(error);
  const cause = messageOf((error as { cause?: unknown } | null)?.cause);
  return cause && !message.includes(cause) ? `${message} (${cause})` : message;
};
