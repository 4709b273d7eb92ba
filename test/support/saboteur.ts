import { boardRunnerProcess } from '#process-managers';
import type { CheckpointedConsumer, RecordedEvent } from '#event-store';
import { ParkingConsumer, type ReadModelStore } from '#projections';
import type { ProcessManagersFactory } from '#runtime';

/** A consumer with a bug for some streams: it throws on their events until the test "fixes" it. */
export class Saboteur implements CheckpointedConsumer {
  readonly name = 'test:saboteur';
  readonly broken = new Set<string>();
  readonly handled: string[] = [];
  constructor(private readonly readModels: ReadModelStore) {}
  position() {
    return this.readModels.checkpoint(this.name);
  }
  async handle(events: readonly RecordedEvent[]) {
    for (const e of events)
      if (this.broken.has(e.streamId)) throw new TypeError(`cannot read properties of ${e.streamId}`);
    this.handled.push(...events.map((e) => e.streamId));
    await this.readModels.commit(this.name, events.at(-1)!.position, []);
  }
}

/** The board runner plus a saboteur that parks like any consumer; `saboteur()` is the one the app made. */
export const withSaboteur = (): { processes: ProcessManagersFactory; saboteur: () => Saboteur } => {
  let made: Saboteur | undefined;
  return {
    processes: (ports) => {
      made = new Saboteur(ports.readModels);
      return [...boardRunnerProcess(ports), new ParkingConsumer(made, ports.readModels, ports.store, ports.clock)];
    },
    saboteur: () => {
      if (!made) throw new Error('the app has not started its process managers yet');
      return made;
    },
  };
};
