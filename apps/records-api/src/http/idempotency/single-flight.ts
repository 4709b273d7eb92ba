/**
 * Concurrent callers asking for the same id share one run of the work: the first caller starts
 * it, the others wait for its result. Forgotten once settled, so this holds only what is running.
 */
export class SingleFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(id: string, work: () => Promise<T>): { result: Promise<T>; first: boolean } {
    const running = this.running.get(id);
    if (running) return { result: running, first: false };
    const result = work();
    this.running.set(id, result);
    const forget = () => this.running.delete(id);
    result.then(forget, forget);
    return { result, first: true };
  }
}
