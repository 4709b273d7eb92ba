import { jest } from '@jest/globals';
import { hs256Verifier, signHs256 } from '#records-api';

const SECRET = 'verifier-secret-verifier-secret-0000000';
const NOW = new Date('2026-11-23T09:00:00Z');

describe('hs256Verifier', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('answers a token it has verified before with the same principal, which nobody can change', async () => {
    const verifier = hs256Verifier(SECRET);
    const token = signHs256({ sub: 'tutor-1', roles: ['tutor'] }, SECRET);

    const first = await verifier.verify(token);
    expect(first).toEqual({ sub: 'tutor-1', roles: ['tutor'] });
    expect(await verifier.verify(token)).toBe(first);
    expect(() => (first.roles as string[]).push('registry')).toThrow(TypeError);
  });

  it('refuses a token it verified before once the token has expired', async () => {
    const verifier = hs256Verifier(SECRET);
    const token = signHs256({ sub: 'tutor-1', roles: ['tutor'] }, SECRET, 60);
    await verifier.verify(token);

    jest.setSystemTime(NOW.getTime() + 61_000);
    await expect(verifier.verify(token)).rejects.toThrow('token expired');
  });

  it('refuses a token before its not-before time, also after verifying it once in time', async () => {
    const verifier = hs256Verifier(SECRET);
    const nbf = Math.floor(NOW.getTime() / 1000) + 30;
    const token = signHs256({ sub: 'tutor-1', roles: ['tutor'], nbf }, SECRET);
    await expect(verifier.verify(token)).rejects.toThrow('token not yet valid');

    jest.setSystemTime(NOW.getTime() + 31_000);
    await verifier.verify(token);
    jest.setSystemTime(NOW.getTime());
    await expect(verifier.verify(token)).rejects.toThrow('token not yet valid');
  });

  it('checks the signature of every token it has not seen, however like a known one it looks', async () => {
    const verifier = hs256Verifier(SECRET);
    const token = signHs256({ sub: 'tutor-1', roles: ['tutor'] }, SECRET);
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'AB' : 'AA'}`;

    await expect(verifier.verify(forged)).rejects.toThrow('bad signature');
    await expect(verifier.verify(signHs256({ sub: 'tutor-1', roles: ['tutor'] }, 'another-secret'))).rejects.toThrow(
      'bad signature',
    );
  });

  it('keeps verifying correctly past the number of tokens it remembers', async () => {
    const verifier = hs256Verifier(SECRET, 2);
    const tokens = ['a', 'b', 'c'].map((sub) => signHs256({ sub, roles: ['learner'] }, SECRET, 60));
    for (const token of tokens) await verifier.verify(token);

    expect((await verifier.verify(tokens[0]!)).sub).toBe('a'); // forgotten, verified afresh
    jest.setSystemTime(NOW.getTime() + 61_000);
    for (const token of tokens) await expect(verifier.verify(token)).rejects.toThrow('token expired');
  });
});
