/**
 * Reads ahead of a slow consumer: while one batch is being handled, the items that arrive in the
 * meantime are gathered into the next one (at most `maxBatch`, then the reading pauses). A batch
 * waits for at most one turn of the event loop, never for a size: a consumer that keeps up gets
 * small batches; one that falls behind (a transaction per batch, a Kafka round trip) gets larger
 * ones and so catches up.
 * Order is kept; a failure of the source is thrown to the consumer once the items before it are taken.
 */
export async function* liveBatches<T>(source: AsyncIterable<T>, maxBatch: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let buffer: T[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let wakeConsumer: (() => void) | undefined;
  let wakeReader: (() => void) | undefined;

  const reader = async () => {
    try {
      while (!stopped) {
        if (buffer.length >= maxBatch) {
          await new Promise<void>((resolve) => (wakeReader = resolve));
          continue;
        }
        let waited = false;
        const probe = setImmediate(() => (waited = true));
        const next = await iterator.next();
        clearImmediate(probe);
        if (next.done) break;
        buffer.push(next.value);
        wakeConsumer?.();
        // The source had to wait for this item (it was appended just now, not read from a page):
        // let the rest of this turn's appends land, so the next read takes them in one query.
        if (waited) await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      failure = { error };
    } finally {
      ended = true;
      wakeConsumer?.();
    }
  };
  void reader();

  try {
    for (;;) {
      if (buffer.length === 0) {
        if (failure) throw failure.error;
        if (ended) return;
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
        wakeConsumer = undefined;
        continue;
      }
      // One turn of the event loop first: the source's next page (read synchronously, handed over
      // in microtasks) and the appends of requests waiting on I/O join this batch.
      if (buffer.length < maxBatch) await new Promise((resolve) => setImmediate(resolve));
      const batch = buffer.length <= maxBatch ? buffer : buffer.slice(0, maxBatch);
      buffer = buffer.length <= maxBatch ? [] : buffer.slice(maxBatch);
      wakeReader?.();
      wakeReader = undefined;
      yield batch;
    }
  } finally {
    // The consumer stopped early: let the reader go (a pending read ends with the source's signal).
    stopped = true;
    wakeReader?.();
    if (!ended) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
