import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The outage test stops the machine's shared Kafka broker; the cluster test cannot lose it for a
 * minute mid-run. Those two take turns through this lock (a folder, as ensureBuilt's), held by one
 * jest worker at a time; a holder that died is noticed by its process id.
 */
const LOCK = join(tmpdir(), 'credence-shared-kafka-broker-turn');
const HOLDER = join(LOCK, 'pid');

const holderIsGone = (): boolean => {
  let pid: number;
  try {
    pid = Number(readFileSync(HOLDER, 'utf8'));
  } catch {
    return false; // just taken: its pid is being written
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

export const takeSharedBrokerTurn = async (timeoutMs = 300_000): Promise<void> => {
  for (const started = Date.now(); ; await sleep(250)) {
    try {
      mkdirSync(LOCK);
      writeFileSync(HOLDER, String(process.pid));
      return;
    } catch {
      if (holderIsGone()) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() - started > timeoutMs) throw new Error(`${LOCK} held for ${timeoutMs} ms`);
    }
  }
};

export const endSharedBrokerTurn = (): void => rmSync(LOCK, { recursive: true, force: true });
