import { learnerBody } from '../support/fixtures.js';
import { DATABASE_URL, dropSchema, freshSchema, postgresUnreachable } from '../support/postgres.js';
import { TestApp, TestClock } from '../support/test-app.js';

/**
 * Registering a learner claims their email in the personal-data store: of registrations racing
 * with one email exactly one wins and the others are told who has it (409 with the existing id),
 * on the embedded store and on PostgreSQL.
 */
const RACERS = 8;

const backends: [string, () => Record<string, string>][] = [
  ['SQLite', () => ({})],
  ...(postgresUnreachable === undefined || process.env.CI === 'true'
    ? [
        [
          'PostgreSQL',
          () => ({ EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: freshSchema('credence_claims') }),
        ] as [string, () => Record<string, string>],
      ]
    : []),
];

describe.each(backends)('learner email claims on %s', (_name, envOf) => {
  let api: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = envOf();
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z'), env });
  });
  afterAll(async () => {
    await api?.destroy();
    if (env.DATABASE_SCHEMA) await dropSchema(env.DATABASE_SCHEMA);
  });

  const register = (body: Record<string, unknown>) => api.request('POST', '/v1/learners', { body });

  it(`lets exactly one of ${RACERS} concurrent registrations with one email win; the others answer 409 with its id`, async () => {
    const email = `race.${Date.now()}@example.org`;
    const answers = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        register(learnerBody({ givenName: `Racer${i}`, email: i % 2 ? email.toUpperCase() : email })),
      ),
    );
    const won = answers.filter((a) => a.status === 201);
    expect(won).toHaveLength(1);
    const winner = won[0]!.body.id;
    const lost = answers.filter((a) => a.status !== 201);
    expect(lost).toHaveLength(RACERS - 1);
    for (const answer of lost) expect(answer).toMatchObject({ status: 409, body: { existingLearnerId: winner } });

    const listed = await api.request('GET', `/v1/learners?search=${encodeURIComponent(email)}`);
    expect(listed.body.map((l: { id: string }) => l.id)).toEqual([winner]);
  });

  it('registers racing confirmed new persons who share an email, each once', async () => {
    const email = `family.${Date.now()}@example.org`;
    const first = await register(learnerBody({ email }));
    expect(first.status).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        register(learnerBody({ givenName: `Sibling${i}`, email, confirmedNewPerson: true })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const again = await register(learnerBody({ givenName: 'Unconfirmed', email }));
    expect(again).toMatchObject({ status: 409, body: { existingLearnerId: first.body.id } });
  });

  it('frees the email when its learner is erased', async () => {
    const email = `erased.${Date.now()}@example.org`;
    const erased = (await register(learnerBody({ email }))).body.id;
    const erasure = await api.request('POST', `/v1/learners/${erased}/erasure`, {
      body: { reason: 'Erasure request under UK GDPR Article 17' },
    });
    expect(erasure.status).toBeLessThan(300);
    const next = await register(learnerBody({ givenName: 'Next', email }));
    expect(next.status).toBe(201);
  });
});
