import { generateKeyPairSync } from 'node:crypto';
import {
  Bitstring,
  buildAchievementCredential,
  buildStatusListCredential,
  generateSigningKey,
  hashIdentity,
  keyIdFor,
  signCredential,
  verifyCredential,
  type SigningKey,
  type VerifiableCredential,
} from '#credentials';
import { BASE_URL, ISSUER, issuedAward } from './award-fixture.js';

const STATUS_URL = `${BASE_URL}/v1/credentials/status/revocation`;
const NOW = new Date('2027-01-01T12:00:00Z');

/** Sign, verify and tamper with VC-JWT achievement credentials. */
describe('achievement credential as VC-JWT', () => {
  const key = generateSigningKey();
  const kid = keyIdFor(ISSUER.id, key);
  const credential = (overrides: { validUntil?: string; index?: number } = {}) =>
    buildAchievementCredential(issuedAward(), ISSUER, {
      baseUrl: BASE_URL,
      identitySalt: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      status: { statusListCredential: STATUS_URL, statusListIndex: overrides.index ?? 42 },
      validUntil: overrides.validUntil,
    });
  const statusList = (revoked: number[] = [], signer: SigningKey = key) =>
    signCredential(
      buildStatusListCredential({
        url: STATUS_URL,
        issuer: ISSUER,
        setIndexes: revoked,
        validFrom: '2026-12-31T00:00:00Z',
      }),
      signer,
      keyIdFor(ISSUER.id, signer),
    );
  const verify = (jwt: unknown, revoked: number[] = [], options: { listSigner?: SigningKey; now?: Date } = {}) =>
    verifyCredential(jwt, {
      resolveKey: (id) => (id === kid ? key.publicKey : undefined),
      fetchStatusList: async (url) => (url === STATUS_URL ? statusList(revoked, options.listSigner) : undefined),
      now: options.now ?? NOW,
    });
  const tamper = (jwt: string, change: (c: VerifiableCredential) => void): string => {
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as VerifiableCredential;
    change(claims);
    return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
  };

  it('is an Open Badges 3.0 AchievementCredential carrying the information set', () => {
    const vc = credential() as any;
    expect(vc).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:0b7e7c5a-2f4e-4a8e-9d55-6a1f3c2b9e10',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: ISSUER.id, type: ['Profile'], name: 'University of Northshire' },
      validFrom: '2026-11-23T00:00:00Z',
      credentialStatus: {
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '42',
        statusListCredential: STATUS_URL,
      },
      credentialSubject: {
        type: ['AchievementSubject'],
        activityStartDate: '2026-09-07T00:00:00Z',
        activityEndDate: '2026-11-20T00:00:00Z',
        creditsEarned: 15,
        achievement: {
          type: ['Achievement'],
          achievementType: 'MicroCredential',
          name: 'Data Ethics in Practice',
          creditsAvailable: 15,
          fieldOfStudy: 'CAH11-01-01',
          microCredential: {
            creditsECTS: 7.5,
            issuerCountry: 'GB',
            formOfParticipation: 'Online',
            psrbRecognition: { body: 'BCS, The Chartered Institute for IT' },
          },
        },
      },
    });
    const subject = vc.credentialSubject;
    expect(subject.identifier[0]).toEqual({
      type: 'IdentityObject',
      identityType: 'identifier',
      hashed: true,
      salt: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      identityHash: hashIdentity(issuedAward().learnerId, 'a1b2c3d4e5f60718293a4b5c6d7e8f90'),
    });
    expect(subject.identifier[0].identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(JSON.stringify(vc)).not.toContain(issuedAward().learnerId);
    expect(subject.result.map((r: any) => r.value)).toEqual(['Merit', '65', '7.5']);
    expect(subject.achievement.alignment.map((a: any) => `${a.targetType} ${a.targetCode}`)).toEqual([
      'ext:QualificationsFrameworkLevel 7',
      'ext:CAH CAH11-01-01',
      'ext:HECoS 100366',
      'ext:HECoS 100367',
    ]);
    expect(subject.achievement.criteria.narrative).toContain('Apply UK data-protection law');
  });

  it('signs with EdDSA as vc+jwt whose payload is the credential, and verifies', async () => {
    const jwt = signCredential(credential(), key, kid);
    const header = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString());
    expect(header).toEqual({ alg: 'EdDSA', typ: 'vc+jwt', kid });
    expect(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString())).toEqual(credential());
    await expect(verify(jwt)).resolves.toMatchObject({
      verified: true,
      reasons: [],
      checks: { signature: 'passed', status: 'passed', expiry: 'passed' },
      credential: { id: 'urn:uuid:0b7e7c5a-2f4e-4a8e-9d55-6a1f3c2b9e10' },
    });
  });

  it('refuses a credential with one claim changed', async () => {
    const jwt = tamper(
      signCredential(credential(), key, kid),
      (c) => ((c.credentialSubject as any).creditsEarned = 60),
    );
    await expect(verify(jwt)).resolves.toEqual({
      verified: false,
      reasons: ['signature invalid'],
      checks: { signature: 'failed', status: 'not-checked', expiry: 'not-checked' },
    });
  });

  it('refuses a credential signed by another key under the issuer kid', async () => {
    const other = generateSigningKey();
    await expect(verify(signCredential(credential(), other, kid))).resolves.toMatchObject({
      verified: false,
      reasons: ['signature invalid'],
    });
  });

  it('refuses an unknown key, or a kid that is not the issuer\u2019s', async () => {
    const other = generateSigningKey();
    await expect(verify(signCredential(credential(), other, keyIdFor(ISSUER.id, other)))).resolves.toMatchObject({
      reasons: ['unknown key'],
    });
    await expect(
      verify(signCredential(credential(), key, `https://evil.example/issuer#${key.thumbprint}`)),
    ).resolves.toMatchObject({
      reasons: ['unknown key'],
    });
  });

  it('refuses an expired credential and one not yet valid', async () => {
    const expired = signCredential(credential({ validUntil: '2026-12-31T23:59:59Z' }), key, kid);
    await expect(verify(expired)).resolves.toMatchObject({
      verified: false,
      reasons: ['credential expired'],
      checks: { expiry: 'failed', signature: 'passed' },
    });
    const early = await verify(signCredential(credential(), key, kid), [], { now: new Date('2026-11-01T00:00:00Z') });
    expect(early.reasons).toContain('credential not yet valid');
  });

  it('refuses a revoked credential: its bit is set in the issuer\u2019s status list', async () => {
    const jwt = signCredential(credential({ index: 42 }), key, kid);
    await expect(verify(jwt, [41, 43])).resolves.toMatchObject({ verified: true });
    await expect(verify(jwt, [42])).resolves.toMatchObject({
      verified: false,
      reasons: ['credential revoked'],
      checks: { status: 'failed' },
    });
  });

  it('does not trust a status list the issuer did not sign', async () => {
    const jwt = signCredential(credential(), key, kid);
    await expect(verify(jwt, [], { listSigner: generateSigningKey() })).resolves.toMatchObject({
      verified: false,
      reasons: ['status unavailable'],
    });
  });

  it.each([
    ['not a string', 42],
    ['not a JWS', 'abc.def'],
    ['garbage segments', 'a.b.c'],
    [
      'an unsigned token',
      `${Buffer.from('{"alg":"none","typ":"vc+jwt"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`,
    ],
  ])('calls %s malformed', async (_name, jwt) => {
    await expect(verify(jwt)).resolves.toMatchObject({ verified: false, reasons: ['malformed'] });
  });

  it('refuses a JWT that is not a credential, even if signed', async () => {
    const notVc = signCredential({ hello: 'world' } as unknown as VerifiableCredential, key, kid);
    await expect(verify(notVc)).resolves.toMatchObject({ reasons: ['malformed'] });
  });

  it('signs deterministically (Ed25519)', () => {
    expect(signCredential(credential(), key, kid)).toBe(signCredential(credential(), key, kid));
    expect(generateKeyPairSync('ed25519').privateKey.asymmetricKeyType).toBe('ed25519');
  });
});

describe('bitstring status list', () => {
  it('is at least 131,072 bits, index 0 the left-most bit, and round-trips through the multibase GZIP encoding', () => {
    const list = Bitstring.ofLength();
    expect(list.length).toBe(131_072);
    list.set(0).set(7).set(8).set(131_071);
    const encoded = list.encode();
    expect(encoded.startsWith('u')).toBe(true);
    expect(encoded.slice(1)).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = Bitstring.decode(encoded);
    expect(decoded.length).toBe(131_072);
    const set = [];
    for (let i = 0; i < decoded.length; i++) if (decoded.get(i)) set.push(i);
    expect(set).toEqual([0, 7, 8, 131_071]);
  });

  it('puts index 0 in the most significant bit of the first byte', async () => {
    const { gunzipSync } = await import('node:zlib');
    const bytes = gunzipSync(Buffer.from(Bitstring.ofLength(16).set(0).set(9).encode().slice(1), 'base64url'));
    expect([...bytes]).toEqual([0b1000_0000, 0b0100_0000]);
  });

  it('refuses indexes outside the list', () => {
    expect(() => Bitstring.ofLength(8).set(8)).toThrow(RangeError);
    expect(() => Bitstring.ofLength(8).get(-1)).toThrow(RangeError);
  });

  it('is a BitstringStatusListCredential', () => {
    const vc = buildStatusListCredential({
      url: STATUS_URL,
      issuer: ISSUER,
      setIndexes: [3],
      validFrom: '2027-01-01T00:00:00Z',
    });
    expect(vc).toMatchObject({
      id: STATUS_URL,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: { id: `${STATUS_URL}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
    expect(Bitstring.decode((vc.credentialSubject as any).encodedList).get(3)).toBe(true);
  });
});
