/**
 * Behaviour every PersonalDataKeyStore adapter must show. Each test gets a fresh, empty store.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { PersonalDataKeyStore } from '#personal-data';

export interface KeyStoreUnderTest {
  keys: PersonalDataKeyStore;
  /** Opens another instance on the same storage (a second process, or a restart). */
  reopen: () => Promise<PersonalDataKeyStore>;
  cleanup: () => Promise<void>;
}

const T0 = new Date('2026-11-23T09:00:00.000Z');
const T1 = new Date('2026-11-24T10:30:00.000Z');

export function describeKeyStoreContract(name: string, create: () => Promise<KeyStoreUnderTest>): void {
  describe(`PersonalDataKeyStore contract: ${name}`, () => {
    let subject: KeyStoreUnderTest;
    beforeEach(async () => {
      subject = await create();
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('has no key for a learner it has never seen', async () => {
      expect(await subject.keys.find(randomUUID())).toEqual({ state: 'none' });
    });

    it('keeps the first key created for a learner; a later creator gets that one', async () => {
      const learner = randomUUID();
      const first = randomBytes(32);
      expect(await subject.keys.create(learner, first, T0)).toEqual({ state: 'active', key: first });
      expect(await subject.keys.create(learner, randomBytes(32), T1)).toEqual({ state: 'active', key: first });
      const other = await subject.reopen();
      expect(await other.find(learner)).toEqual({ state: 'active', key: first });
    });

    it('agrees on one key when creators race', async () => {
      const learner = randomUUID();
      const other = await subject.reopen();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? other : subject.keys).create(learner, randomBytes(32), T0)),
      );
      const keys = new Set(results.map((r) => (r.state === 'active' ? r.key.toString('hex') : r.state)));
      expect(keys.size).toBe(1);
    });

    it('destroys a key: the learner is shredded from then on, in every instance', async () => {
      const learner = randomUUID();
      await subject.keys.create(learner, randomBytes(32), T0);
      expect(await subject.keys.shred(learner, T1)).toEqual({ shreddedAt: T1.toISOString(), alreadyShredded: false });
      expect(await subject.keys.find(learner)).toEqual({ state: 'shredded', shreddedAt: T1.toISOString() });
      expect(await (await subject.reopen()).find(learner)).toEqual({ state: 'shredded', shreddedAt: T1.toISOString() });
    });

    it('shreds idempotently, keeping the first time', async () => {
      const learner = randomUUID();
      await subject.keys.create(learner, randomBytes(32), T0);
      await subject.keys.shred(learner, T0);
      expect(await subject.keys.shred(learner, T1)).toEqual({ shreddedAt: T0.toISOString(), alreadyShredded: true });
    });

    it('never makes a key for a shredded learner again', async () => {
      const learner = randomUUID();
      await subject.keys.create(learner, randomBytes(32), T0);
      await subject.keys.shred(learner, T1);
      expect(await subject.keys.create(learner, randomBytes(32), T1)).toEqual({
        state: 'shredded',
        shreddedAt: T1.toISOString(),
      });
    });

    it('records the shredding of a learner who had no key (plain-text data from before sealing)', async () => {
      const learner = randomUUID();
      expect(await subject.keys.shred(learner, T0)).toEqual({ shreddedAt: T0.toISOString(), alreadyShredded: false });
      expect(await subject.keys.create(learner, randomBytes(32), T1)).toEqual({
        state: 'shredded',
        shreddedAt: T0.toISOString(),
      });
    });

    it('finds several learners at once, each in whatever state they are', async () => {
      const [active, shredded, unknown] = [randomUUID(), randomUUID(), randomUUID()];
      const key = randomBytes(32);
      await subject.keys.create(active, key, T0);
      await subject.keys.create(shredded, randomBytes(32), T0);
      await subject.keys.shred(shredded, T1);
      const found = await subject.keys.findMany([active, shredded, unknown, active]);
      expect([...found.entries()].sort()).toEqual(
        [
          [active, { state: 'active', key }],
          [shredded, { state: 'shredded', shreddedAt: T1.toISOString() }],
          [unknown, { state: 'none' }],
        ].sort(),
      );
      expect((await subject.keys.findMany([])).size).toBe(0);
    });

    const entryFor = (learnerId: string, email: string) => ({
      learnerId,
      givenName: 'Amira',
      familyName: 'Okafor',
      email,
    });

    it('claims an email for the first learner; a second is refused, told who holds it, and not listed', async () => {
      const [first, second] = [randomUUID(), randomUUID()];
      expect(await subject.keys.claim(entryFor(first, 'amira@example.org'), T0, false)).toEqual([]);
      expect(await subject.keys.claim(entryFor(second, 'AMIRA@example.org'), T1, false)).toEqual([first]);
      expect(await subject.keys.withEmail('amira@example.org')).toEqual([first]);
      // A retried registration (the same learner) keeps its claim.
      expect(await subject.keys.claim(entryFor(first, 'amira@example.org'), T1, false)).toEqual([]);
    });

    it('lists a confirmed new person who shares the email, without taking the claim', async () => {
      const [first, sibling, third] = [randomUUID(), randomUUID(), randomUUID()];
      await subject.keys.claim(entryFor(first, 'family@example.org'), T0, false);
      expect(await subject.keys.claim(entryFor(sibling, 'family@example.org'), T1, true)).toEqual([]);
      expect(await subject.keys.claim(entryFor(third, 'family@example.org'), T1, false)).toEqual([first, sibling]);
    });

    it('lets exactly one of racing claims of one email win, across instances', async () => {
      const other = await subject.reopen();
      const learners = Array.from({ length: 8 }, () => randomUUID());
      const answers = await Promise.all(
        learners.map((id, i) => (i % 2 ? other : subject.keys).claim(entryFor(id, 'race@example.org'), T0, false)),
      );
      const winners = learners.filter((_, i) => answers[i]!.length === 0);
      expect(winners).toHaveLength(1);
      for (const answer of answers.filter((a) => a.length > 0)) expect(answer).toEqual(winners);
      expect(await subject.keys.withEmail('race@example.org')).toEqual(winners);
    });

    it('gives the claim back when the learner is unlisted or shredded', async () => {
      const [unlisted, shredded, next] = [randomUUID(), randomUUID(), randomUUID()];
      await subject.keys.claim(entryFor(unlisted, 'a@example.org'), T0, false);
      await subject.keys.unlist(unlisted);
      await subject.keys.claim(entryFor(shredded, 'a@example.org'), T0, false);
      await subject.keys.shred(shredded, T1);
      expect(await subject.keys.claim(entryFor(next, 'a@example.org'), T1, false)).toEqual([]);
      expect(await subject.keys.withEmail('a@example.org')).toEqual([next]);
    });

    it('remembers when the directory was first filled from the log', async () => {
      expect(await subject.keys.directoryFilledAt()).toBeNull();
      await subject.keys.markDirectoryFilled(T0);
      await subject.keys.markDirectoryFilled(T1);
      expect(await (await subject.reopen()).directoryFilledAt()).toBe(T0.toISOString());
    });

    it("keeps other learners' keys when one is shredded", async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const keyB = randomBytes(32);
      await subject.keys.create(a, randomBytes(32), T0);
      await subject.keys.create(b, keyB, T0);
      await subject.keys.shred(a, T1);
      expect(await subject.keys.find(b)).toEqual({ state: 'active', key: keyB });
    });
  });
}
