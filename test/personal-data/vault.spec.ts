import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERASED_TEXT, fixedClock } from '#domain';
import { BrokenSeal, PersonalDataVault, SqlitePersonalDataKeyStore } from '#personal-data';

const AMIRA = 'b7c1a0a4-3f57-4c0e-9a53-0f3f4b8c2d11';
const TOMASZ = '5d0f2a7e-8c41-4b7f-9f0e-1a2b3c4d5e6f';

describe('PersonalDataVault', () => {
  let dir: string;
  let vault: PersonalDataVault;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'credence-vault-'));
    vault = new PersonalDataVault(
      new SqlitePersonalDataKeyStore(join(dir, 'keys.db')),
      fixedClock('2026-11-23T09:00:00Z'),
    );
  });
  afterEach(async () => {
    await vault.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('seals text so that only the learner key opens it, and a fresh IV each time', async () => {
    const [first, second] = (await vault.seal(AMIRA, ['Amira Okafor', 'Amira Okafor']))!;
    expect(JSON.stringify(first)).not.toMatch(/Amira|Okafor/);
    expect(first).toMatchObject({ sealed: 'A256GCM' });
    expect(first!.ciphertext).not.toBe(second!.ciphertext);
    const opener = await vault.opener(AMIRA);
    expect([opener.text(first), opener.text(second)]).toEqual(['Amira Okafor', 'Amira Okafor']);
    expect(opener.keyState).toBe('active');
  });

  it("refuses a seal copied onto another learner's data", async () => {
    const [sealed] = (await vault.seal(AMIRA, ['amira@example.org']))!;
    await vault.seal(TOMASZ, ['tomasz@example.org']);
    const tomasz = await vault.opener(TOMASZ);
    expect(() => tomasz.text(sealed)).toThrow(BrokenSeal);
  });

  it('detects a tampered seal', async () => {
    const [sealed] = (await vault.seal(AMIRA, ['Amira']))!;
    const bytes = Buffer.from(sealed!.ciphertext, 'base64url');
    bytes[0] = bytes[0]! ^ 1;
    const opener = await vault.opener(AMIRA);
    expect(() => opener.text({ ...sealed!, ciphertext: bytes.toString('base64url') })).toThrow(BrokenSeal);
  });

  it('reads plain text from before sealing as itself, until the learner is erased', async () => {
    expect((await vault.opener(AMIRA)).text('Amira')).toBe('Amira');
    await vault.shred(AMIRA);
    const opener = await vault.opener(AMIRA);
    expect(opener.text('Amira')).toBeNull();
    expect(opener.show('Amira')).toBe(ERASED_TEXT);
  });

  it('erases by destroying the key: sealed data no longer opens, and nothing new can be sealed', async () => {
    const [sealed] = (await vault.seal(AMIRA, ['Amira Okafor']))!;
    expect(await vault.shred(AMIRA)).toEqual({ shreddedAt: '2026-11-23T09:00:00.000Z', alreadyShredded: false });
    const opener = await vault.opener(AMIRA);
    expect(opener).toMatchObject({ erased: true, erasedAt: '2026-11-23T09:00:00.000Z', keyState: 'shredded' });
    expect(opener.text(sealed)).toBeNull();
    expect(opener.show(sealed)).toBe(ERASED_TEXT);
    expect(await vault.seal(AMIRA, ['Amira Okafor'])).toBeUndefined();
  });

  it("leaves other learners' data readable", async () => {
    const [sealed] = (await vault.seal(TOMASZ, ['Tomasz Nowak']))!;
    await vault.seal(AMIRA, ['Amira Okafor']);
    await vault.shred(AMIRA);
    expect((await vault.opener(TOMASZ)).text(sealed)).toBe('Tomasz Nowak');
  });
});
