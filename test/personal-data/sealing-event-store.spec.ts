import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERASED_TEXT, isSealedText } from '#domain';
import { SqliteEventStore, type EventMetadata, type NewEvent } from '#event-store';
import { PersonalDataVault, SealingEventStore, SqlitePersonalDataKeyStore, UnsealableEvent } from '#personal-data';

const metadata: EventMetadata = {
  actor: 'registry-1',
  role: 'registry',
  correlationId: 'c-1',
  causationId: null,
  occurredAt: '2026-11-23T09:00:00.000Z',
};

const registered = (learnerId: string): NewEvent => ({
  type: 'LearnerRegistered',
  data: {
    learnerId,
    givenName: 'Amira',
    familyName: 'Okafor',
    email: 'amira.okafor@example.org',
    fullName: 'Amira Okafor',
    registeredAt: metadata.occurredAt,
  },
  metadata,
});

describe('SealingEventStore', () => {
  let dir: string;
  let inner: SqliteEventStore;
  let store: SealingEventStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'credence-sealing-'));
    inner = SqliteEventStore.open({ path: join(dir, 'events.db') });
    store = new SealingEventStore(
      inner,
      new PersonalDataVault(new SqlitePersonalDataKeyStore(join(dir, 'personal-data.db'))),
    );
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores the personal data fields sealed, and the rest as it was', async () => {
    const learnerId = randomUUID();
    await store.append(`learner-${learnerId}`, [registered(learnerId)], 'no-stream');
    const [stored] = await inner.read(`learner-${learnerId}`);
    expect(JSON.stringify(stored)).not.toMatch(/Amira|Okafor|amira/i);
    const data = stored!.data as Record<string, unknown>;
    for (const field of ['givenName', 'familyName', 'email', 'fullName']) expect(isSealedText(data[field])).toBe(true);
    expect(data).toMatchObject({ learnerId, registeredAt: metadata.occurredAt });
    const opener = await store.vault.opener(learnerId);
    expect(opener.text(data.email as never)).toBe('amira.okafor@example.org');
  });

  it('passes an already sealed value through (an award copies the learner name)', async () => {
    const learnerId = randomUUID();
    await store.append(`learner-${learnerId}`, [registered(learnerId)], 'no-stream');
    const sealedName = ((await inner.read(`learner-${learnerId}`))[0]!.data as { fullName: unknown }).fullName;
    await store.append(
      'award-1',
      [{ type: 'AwardIssued', data: { awardId: 'award-1', learnerId, learnerName: sealedName }, metadata }],
      'no-stream',
    );
    expect(((await inner.read('award-1'))[0]!.data as { learnerName: unknown }).learnerName).toEqual(sealedName);
  });

  it('leaves events without personal data untouched', async () => {
    const event: NewEvent = { type: 'MarkRecorded', data: { enrolmentId: 'e-1', mark: 64 }, metadata };
    await store.append('enrolment-e-1', [event], 'no-stream');
    expect((await inner.read('enrolment-e-1'))[0]!.data).toEqual(event.data);
  });

  it('stores "[erased]" in place of personal data about an erased learner (no key is made again)', async () => {
    const learnerId = randomUUID();
    await store.vault.shred(learnerId);
    await store.append(
      'award-2',
      [{ type: 'AwardIssued', data: { awardId: 'award-2', learnerId, learnerName: 'Amira Okafor' }, metadata }],
      'no-stream',
    );
    expect(((await inner.read('award-2'))[0]!.data as { learnerName: unknown }).learnerName).toBe(ERASED_TEXT);
  });

  it('refuses personal data with no learner to seal it for, appending nothing', async () => {
    const event: NewEvent = {
      type: 'AwardIssued',
      data: { awardId: 'award-3', learnerName: 'Amira Okafor' },
      metadata,
    };
    await expect(store.append('award-3', [event], 'no-stream')).rejects.toThrow(UnsealableEvent);
    expect(await inner.headPosition()).toBe(0);
  });
});
