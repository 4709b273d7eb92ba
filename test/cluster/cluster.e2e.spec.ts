import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MICRO_BOARD_EVENT_TYPES, streams } from '#domain';
import type { RecordedEvent } from '#event-store';
import { INTEGRATION_FILTER } from '#integration';
import { PostgresReadModelStore, rebuildProjections } from '#projections';
import { boardPartitions, boardRunnerCheckpoint } from '#process-managers';
import {
  AWARD_RELAY_CHECKPOINT,
  loadConfig,
  openStores,
  PROJECTIONS_CHECKPOINT,
  readModelConsumers,
  WORKSPACE_CHECKPOINT,
  type Stores,
} from '#runtime';
import { BROKERS, CollectingConsumer, createTopic, deleteTopics, RUN_ID } from '../integration/kafka-support.js';
import { endSharedBrokerTurn, takeSharedBrokerTurn } from '../integration/shared-broker-turns.js';
import { ensureBuilt } from '../support/built-system.js';
import { boardBody, courseBody } from '../support/fixtures.js';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor } from '../support/postgres.js';
import { TEST_SECRET } from '../support/test-app.js';
import { Cluster, type ClusterRole, type Kill } from './cluster.js';
import { ClusterClient, token } from './cluster-client.js';
import { kafkaAvailableFor } from './kafka-available.js';
import { learnerJourney, type Journey } from './learner-journey.js';
import { checkpointsOf, readModelDifferences } from './read-model-comparison.js';

/**
 * The distributed deployment as deploy/k8s runs it, on PostgreSQL and the local Kafka broker: three
 * API processes behind a round-robin client, two projectors, two board runners and two award relays,
 * each a real OS process. Learners are enrolled, marked, moderated and voted on through the APIs
 * while each role's leader (for the API, one process) is SIGKILLed and started again in turn. Once
 * everything has caught up with the log:
 * (a) the read models equal a rebuild from the log into a schema of its own;
 * (b) every confirmed pass has exactly one award, and every award a confirmed pass;
 * (c) every integration event (every award among them) reached Kafka, repeated only under its own id;
 * (d) nothing was applied twice: a command retried on another API appended once, each enrolment
 *     shows one attempt per WorkSubmitted, the runner confirmed each outcome and sampled each mark
 *     at most once. (A projector that replays events below its checkpoint after a takeover fails (a):
 *     tried by making the hub start 50 events back with the consumer's skip removed.)
 */
const COUNTS: Record<ClusterRole, number> = { api: 3, projector: 2, 'board-runner': 2, 'award-relay': 2 };
/** The runners share two partitions: a kill hands the dead one's over to the survivor. */
const BOARD_RUNNER_PARTITIONS = 2;
const KILL_ORDER: ClusterRole[] = ['projector', 'board-runner', 'award-relay', 'api'];
/** The load: this many learners, WORKERS at a time. */
const JOURNEYS = 36;
const WORKERS = 6;
/**
 * Each kill is made once this many learners have started (the next KILL_ORDER role at each): the
 * first once the early learners are being marked, so the killed leader has a log behind it.
 */
const KILL_AT = [8, 15, 22, 29];
const SETTLE_MS = 60_000;

if (postgresAvailableFor('cluster') && kafkaAvailableFor('cluster')) {
  describe('the cluster: every role replicated, each leader killed during a load', () => {
    const schema = freshSchema('credence_cluster');
    const rebuiltSchema = freshSchema('credence_rebuilt');
    const topic = `credence-cluster-${RUN_ID}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'credence-cluster-'));
    const storeEnv = { EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema, AUTH_JWT_SECRET: TEST_SECRET };
    const cluster = new Cluster((role) => ({
      ...storeEnv,
      DATA_DIR: dataDir,
      SWEEP_INTERVAL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      CONSISTENCY_WAIT_MS: '3000',
      KAFKA_BROKERS: role === 'award-relay' ? BROKERS.join(',') : '',
      KAFKA_TOPIC: topic,
      KAFKA_CLIENT_ID: `cluster-relay-${RUN_ID}`,
      // Read by the partitioned board runner; ignored by one that leads the whole log.
      BOARD_RUNNER_PARTITIONS: String(BOARD_RUNNER_PARTITIONS),
    }));
    const client = new ClusterClient(() => cluster.apiUrls());
    const kafka = new CollectingConsumer(topic, `cluster-check-${RUN_ID}`);
    let stores: Stores;

    beforeAll(async () => {
      // The Kafka outage test must not stop the shared broker under the cluster.
      await takeSharedBrokerTurn();
      await ensureBuilt();
      await createTopic(topic, 3);
      await Promise.all([cluster.start(COUNTS), kafka.start()]);
      stores = await openStores(loadConfig({ ...storeEnv, DATA_DIR: dataDir }));
    }, 180_000);
    afterAll(async () => {
      await cluster.stop();
      await kafka.stop();
      await stores?.store.close();
      await stores?.readModels.close();
      await Promise.all([dropSchema(schema), dropSchema(rebuiltSchema), deleteTopics([topic])]);
      rmSync(dataDir, { recursive: true, force: true });
      endSharedBrokerTurn();
    });

    /** The whole log, read once the cluster has settled. */
    const readLog = async (): Promise<RecordedEvent[]> => {
      const events: RecordedEvent[] = [];
      for await (const event of stores.store.readAll(0)) events.push(event);
      return events;
    };
    const lastPosition = (events: RecordedEvent[], types: readonly string[]): number =>
      events.filter((e) => types.includes(e.type)).at(-1)?.position ?? 0;

    /**
     * Every consumer has caught up: the read models are at the log's head, the runner and the relay
     * past the last event each reads, and the log has not grown for two seconds (the runner appends).
     */
    const settled = async (): Promise<void> => {
      let stableSince = Date.now();
      let lastHead = -1;
      for (const deadline = Date.now() + SETTLE_MS; ; await sleep(250)) {
        const events = await readLog();
        const head = events.at(-1)?.position ?? 0;
        if (head !== lastHead) [lastHead, stableSince] = [head, Date.now()];
        const checkpoints = await checkpointsOf(schema);
        // Every partition's runner has passed the last event it reads.
        const runner = Math.min(
          ...boardPartitions(BOARD_RUNNER_PARTITIONS).map((p) => checkpoints.get(boardRunnerCheckpoint(p)) ?? 0),
        );
        const behind = [
          checkpoints.get(PROJECTIONS_CHECKPOINT) !== head && `${PROJECTIONS_CHECKPOINT} below ${head}`,
          checkpoints.get(WORKSPACE_CHECKPOINT) !== head && `${WORKSPACE_CHECKPOINT} below ${head}`,
          runner < lastPosition(events, MICRO_BOARD_EVENT_TYPES) && 'the board runner behind',
          (checkpoints.get(AWARD_RELAY_CHECKPOINT) ?? 0) < lastPosition(events, INTEGRATION_FILTER.eventTypes!) &&
            'the relay behind',
          Date.now() - stableSince < 2000 && 'the log still growing',
        ].filter(Boolean);
        if (behind.length === 0) return;
        if (Date.now() > deadline)
          throw new Error(
            `not settled after ${SETTLE_MS} ms: ${behind.join('; ')} (${JSON.stringify([...checkpoints])})`,
          );
      }
    };

    it('stays correct through a kill of every role', async () => {
      const registry = token('registry', 'registry-cluster');
      const course = await client.post('/v1/courses', registry, courseBody());
      expect(course.status).toBe(201);
      expect((await client.post('/v1/boards', registry, boardBody([course.body.id]))).status).toBe(201);

      // The load, and the kills during it: each role's leader in turn, while learners are under way.
      // A worker starts learner `index` only once every kill due WORKERS learners earlier has been
      // made, so the load cannot outrun the kills.
      const journeys: Journey[] = [];
      const kills: (Kill & { inFlight: number })[] = [];
      let started = 0;
      let killsMade = 0;
      let running = 0;
      const killsDueBefore = (index: number) => KILL_AT.filter((at) => at + WORKERS <= index).length;
      const worker = async () => {
        while (started < JOURNEYS) {
          const index = started++;
          while (killsMade < killsDueBefore(index)) await sleep(20);
          running++;
          journeys.push(await learnerJourney(client, course.body.id, index));
          running--;
        }
      };
      const chaos = async () => {
        for (const [i, role] of KILL_ORDER.entries()) {
          while (started < KILL_AT[i]!) await sleep(20);
          let inFlight = 0;
          const kill = await cluster.killLeader(role, () => {
            inFlight = running;
            killsMade++;
          });
          kills.push({ ...kill, inFlight });
        }
      };
      const loadStarted = Date.now();
      await Promise.all([chaos(), ...Array.from({ length: WORKERS }, worker)]);
      const restartMs = await Promise.all(kills.map((k) => k.restarted));
      console.log(
        `cluster: ${journeys.length} learners in ${Date.now() - loadStarted} ms (${journeys.filter((j) => j.mitigated).length} voted on, ` +
          `${journeys.reduce((n, j) => n + j.moderated, 0)} marks moderated), ${client.failedOver} requests failed over to another API:\n` +
          kills
            .map(
              (k, i) =>
                `  ${k.role}: killed "${k.victimWas}" with ${k.inFlight} learners in flight; ` +
                `taken over in ${k.takeoverMs ?? '-'} ms, restarted in ${restartMs[i]} ms`,
            )
            .join('\n'),
      );
      expect(kills.map((k) => [k.role, k.inFlight > 0])).toEqual(KILL_ORDER.map((role) => [role, true]));
      expect(cluster.unexpectedExits()).toEqual([]);

      await settled();
      const events = await readLog();
      const ofType = (type: string) => events.filter((e) => e.type === type);
      const byEnrolment = (type: string) => (enrolmentId: string) =>
        ofType(type).filter((e) => e.streamId === streams.enrolment(enrolmentId));

      // (a) The read models equal a rebuild from the log.
      const rebuilt = await PostgresReadModelStore.connect({ connectionString: DATABASE_URL, schema: rebuiltSchema });
      try {
        await rebuildProjections(stores.store, readModelConsumers(rebuilt));
      } finally {
        await rebuilt.close();
      }
      expect(await readModelDifferences(schema, rebuiltSchema)).toEqual([]);
      expect((await client.get('/v1/operations/parked', registry)).body).toEqual([]);

      // (b) Every confirmed pass has exactly one award; every award a confirmed pass.
      const passed = ofType('OutcomeConfirmed')
        .filter((e) => (e.data as { result: string }).result === 'pass')
        .map((e) => (e.data as { enrolmentId: string }).enrolmentId);
      expect(new Set(passed)).toEqual(new Set(journeys.map((j) => j.enrolmentId)));
      const awards = ofType('AwardIssued');
      const awarded = awards.map((e) => (e.data as { enrolmentId: string }).enrolmentId);
      expect(awarded.sort()).toEqual([...passed].sort());

      // (c) Every integration event reached Kafka; a repeat carries the same id and the same content.
      const published = events.filter((e) => INTEGRATION_FILTER.eventTypes!.includes(e.type)).map((e) => e.id);
      for (const deadline = Date.now() + 30_000; !published.every((id) => kafka.ids().has(id)); await sleep(200))
        if (Date.now() > deadline) break;
      expect(published.filter((id) => !kafka.ids().has(id))).toEqual([]);
      expect([...kafka.ids()].sort()).toEqual([...published].sort());
      const firstOf = new Map(kafka.received.map((r) => [r.event.id, r.value]));
      expect(kafka.received.filter((r) => r.value !== firstOf.get(r.event.id)).map((r) => r.event.id)).toEqual([]);
      expect(awards.every((e) => kafka.ids().has(e.id))).toBe(true);
      console.log(
        `cluster: ${events.length} events; ${awards.length} awards; Kafka got ${kafka.received.length} messages ` +
          `for ${published.length} integration events (repeats after a kill carry their event's id)`,
      );

      // (d) Nothing applied twice: a command retried on another API after a kill appended once; the
      // read models hold one attempt per submission; the runner confirmed each outcome once and
      // sampled each mark at most once.
      expect(
        ['LearnerRegistered', 'EnrolmentStarted', 'WorkSubmitted', 'MarkRecorded', 'CaseVoteRecorded'].map((type) => [
          type,
          ofType(type).length,
        ]),
      ).toEqual([
        ['LearnerRegistered', JOURNEYS],
        ['EnrolmentStarted', JOURNEYS],
        ['WorkSubmitted', 2 * JOURNEYS],
        ['MarkRecorded', 2 * JOURNEYS],
        ['CaseVoteRecorded', journeys.reduce((n, j) => n + j.votes, 0)],
      ]);
      for (const { enrolmentId } of journeys) {
        const view = (await client.get(`/v1/enrolments/${enrolmentId}`, registry)).body;
        const submitted = byEnrolment('WorkSubmitted')(enrolmentId);
        for (const component of view.components as { id: string; attempts: unknown[] }[])
          expect([enrolmentId, component.id, component.attempts.length]).toEqual([
            enrolmentId,
            component.id,
            submitted.filter((e) => (e.data as { componentId: string }).componentId === component.id).length,
          ]);
        expect(byEnrolment('OutcomeConfirmed')(enrolmentId)).toHaveLength(1);
        const sampled = byEnrolment('MarkSampledForModeration')(enrolmentId).map((e) => {
          const { componentId, attempt } = e.data as { componentId: string; attempt: number };
          return `${componentId}/${attempt}`;
        });
        expect(new Set(sampled).size).toBe(sampled.length);
      }
    }, 240_000);
  });
}
