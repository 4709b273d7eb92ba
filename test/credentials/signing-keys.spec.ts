import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  activeKeys,
  generateIssuerKey,
  InvalidKeyring,
  LastSigningKey,
  parseKeyring,
  retire,
  rotate,
  serializeKeyring,
  signingKeyOf,
} from '#credentials';
import { writeFileAtomically } from '#runtime';

/** Issuer keyrings: RSA + Ed25519 generations, rotation and retirement, and their file. */
describe('issuer keyrings', () => {
  const ring = { issuer: 'University of Northshire', keys: [generateIssuerKey('2026-01-01T00:00:00Z')] };

  it('round-trips through its file, naming each key by its RFC 7638 thumbprint', () => {
    const read = parseKeyring(serializeKeyring(ring));
    expect(read.issuer).toBe(ring.issuer);
    expect(read.keys[0]!.rsa.thumbprint).toBe(ring.keys[0]!.rsa.thumbprint);
    expect(read.keys[0]!.ed25519.thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('rotates: the new key signs, the old one keeps verifying until retired', () => {
    const rotated = rotate(ring, new Date('2027-01-01T00:00:00Z'));
    expect(signingKeyOf(rotated)).toBe(rotated.keys[1]);
    expect(activeKeys(rotated)).toHaveLength(2);
    const retired = retire(rotated, rotated.keys[0]!.rsa.thumbprint, new Date('2027-06-01T00:00:00Z'));
    expect(activeKeys(retired)).toEqual([rotated.keys[1]]);
    expect(parseKeyring(serializeKeyring(retired)).keys[0]!.retired).toBe('2027-06-01T00:00:00.000Z');
    // Retiring the only key left would leave no signer: refused, rotate first.
    expect(() => retire(ring, ring.keys[0]!.ed25519.thumbprint, new Date())).toThrow(LastSigningKey);
    expect(() => retire(ring, 'unknown', new Date())).toThrow(InvalidKeyring);
  });

  it.each([
    ['not JSON', 'nope', 'not JSON'],
    ['no keys', '{"issuer":"X","keys":[]}', 'keys must be a non-empty list'],
    ['a bad PEM', '{"issuer":"X","keys":[{"created":"2026-01-01T00:00:00Z","rsa":"x","ed25519":"y"}]}', 'keys[0].rsa'],
  ])('refuses %s, saying what is wrong', (_name, text, message) => {
    expect(() => parseKeyring(text)).toThrow(message);
  });

  it('writes the file atomically, private to the owner, leaving no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-keyring-'));
    const file = join(dir, 'northshire.json');
    writeFileAtomically(file, 'first', { exclusive: true });
    expect(() => writeFileAtomically(file, 'second', { exclusive: true })).toThrow(/EEXIST/);
    writeFileAtomically(file, 'third');
    expect(readFileSync(file, 'utf8')).toBe('third');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['northshire.json']);
  });
});
