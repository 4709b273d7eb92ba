import { createHash } from 'node:crypto';
import { CompactSign } from 'jose';
import { generateIssuerKey, hashIdentity, identityObject } from '#credentials';
import { Bitstring, buildAchievementCredential, buildStatusListCredential, verifyCredential } from '#credentials';
import { BASE_URL, ISSUER, issuedAward } from './award-fixture.js';
import { fixtureIssuer } from './issuer-fixture.js';

const STATUS_URL = `${ISSUER.id}/status/revocation`;
const NOW = new Date('2027-01-01T12:00:00Z');
const SALT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const SUBJECT = 'urn:uuid:6f1c1f7e-3f0b-4c55-9a43-2a1f0d9c8b7a';

/** Sign, verify and tamper with achievement credentials, as VC-JWT (OB 3.0 §8.2) and with Data Integrity proofs. */
describe('achievement credential', () => {
  const issuer = fixtureIssuer();
  const credential = (overrides: { validUntil?: string; index?: number } = {}) =>
    buildAchievementCredential(issuedAward(), ISSUER, {
      baseUrl: BASE_URL,
      subjectId: SUBJECT,
      identifiers: [identityObject(issuedAward().learnerId, SALT)],
      status: { statusListCredential: STATUS_URL, statusListIndex: overrides.index ?? 42 },
      validUntil: overrides.validUntil,
    });
  const statusList = (revoked: number[] = [], signer = issuer) =>
    signer.jwt(
      buildStatusListCredential({
        url: STATUS_URL,
        issuer: ISSUER.id,
        setIndexes: revoked,
        validFrom: '2026-12-31T00:00:00Z',
      }),
    );
  const verify = async (
    input: unknown,
    revoked: number[] = [],
    options: { listSigner?: ReturnType<typeof fixtureIssuer>; now?: Date } = {},
  ) =>
    verifyCredential(input, {
      resolveKey: issuer.resolveKey,
      loader: await issuer.loader(),
      fetchStatusList: async (url) => (url === STATUS_URL ? statusList(revoked, options.listSigner) : undefined),
      now: options.now ?? NOW,
    });
  const tamper = (jwt: string, change: (c: Record<string, unknown>) => void): string => {
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    change(claims);
    return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
  };

  it('is an Open Badges 3.0 AchievementCredential carrying the information set', () => {
    const vc = credential() as any;
    expect(vc).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        `${BASE_URL}/v1/credentials/contexts/micro-credential-v1.jsonld`,
      ],
      credentialSchema: [
        { id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json' },
        { id: `${BASE_URL}/v1/credentials/schemas/micro-credential-v1.json` },
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
        id: SUBJECT,
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
            type: ['MicroCredentialElements'],
            ectsCredits: 7.5,
            notionalLearningHours: 150,
            eqfLevel: 7,
            formOfParticipation: 'Online',
            psrbRecognition: { type: ['PsrbRecognition'], body: 'BCS, The Chartered Institute for IT' },
          },
        },
      },
    });
    const subject = vc.credentialSubject;
    expect(subject.identifier[0]).toEqual({
      type: 'IdentityObject',
      identityType: 'identifier',
      hashed: true,
      salt: SALT,
      identityHash: hashIdentity(issuedAward().learnerId, SALT),
    });
    // OB 3.0 IdentityHash: the identifier with the salt appended.
    expect(hashIdentity('learner-1', 'salt')).toBe(
      `sha256$${createHash('sha256').update('learner-1salt').digest('hex')}`,
    );
    expect(subject.identifier[0].identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(JSON.stringify(vc)).not.toContain(issuedAward().learnerId);
    expect(subject.result.map((r: any) => r.value)).toEqual(['Merit', '65', '7.5']);
    expect(subject.achievement.alignment.map((a: any) => `${a.targetType} ${a.targetCode}`)).toEqual([
      'ext:QualificationsFrameworkLevel 7',
      'ext:QualificationsFrameworkLevel 7',
      'ext:CAH CAH11-01-01',
      'ext:HECoS 100366',
      'ext:HECoS 100367',
    ]);
    expect(subject.achievement.criteria.narrative).toContain('Apply UK data-protection law');
  });

  it.each(['RS256', 'EdDSA'] as const)(
    'signs %s as OB 3.0 §8.2 VC-JWT: typ JWT, the credential plus iss, jti, nbf, sub; verifies',
    async (alg) => {
      const jwt = await issuer.jwt(credential(), alg);
      const header = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString());
      expect(header).toEqual({ alg, typ: 'JWT', kid: issuer.kid(alg) });
      const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
      expect(payload).toEqual({
        ...credential(),
        iss: ISSUER.id,
        jti: 'urn:uuid:0b7e7c5a-2f4e-4a8e-9d55-6a1f3c2b9e10',
        nbf: Date.parse('2026-11-23T00:00:00Z') / 1000,
        sub: SUBJECT,
      });
      await expect(verify(jwt)).resolves.toMatchObject({
        verified: true,
        reasons: [],
        format: 'vc+jwt',
        checks: { signature: 'passed', status: 'passed', expiry: 'passed' },
        credential: { id: 'urn:uuid:0b7e7c5a-2f4e-4a8e-9d55-6a1f3c2b9e10' },
      });
    },
  );

  it('puts exp in the JWT when the credential has validUntil', async () => {
    const jwt = await issuer.jwt(credential({ validUntil: '2030-01-01T00:00:00Z' }));
    expect(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).exp).toBe(
      Date.parse('2030-01-01T00:00:00Z') / 1000,
    );
    await expect(verify(jwt)).resolves.toMatchObject({ verified: true });
  });

  it('adds an eddsa-rdfc-2022 proof that verifies, and fails once a claim changes', async () => {
    const proved = await issuer.prove(credential());
    expect(proved.proof).toMatchObject([
      {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        verificationMethod: issuer.vm,
        created: '2026-11-23T00:00:00Z',
      },
    ]);
    await expect(verify(proved)).resolves.toMatchObject({ verified: true, format: 'data-integrity' });
    const changed = structuredClone(proved) as any;
    changed.credentialSubject.creditsEarned = 60;
    await expect(verify(changed)).resolves.toMatchObject({ verified: false, reasons: ['signature invalid'] });
  });

  it('refuses a JWT with one claim changed, or whose registered claims disagree with the credential', async () => {
    const jwt = await issuer.jwt(credential());
    await expect(verify(tamper(jwt, (c) => ((c.credentialSubject as any).creditsEarned = 60)))).resolves.toEqual({
      verified: false,
      reasons: ['signature invalid'],
      checks: { signature: 'failed', status: 'not-checked', expiry: 'not-checked' },
    });
  });

  it('refuses a credential signed by another key under the issuer kid', async () => {
    const other = fixtureIssuer();
    const forged = await other.jwt(credential());
    const [, payload, signature] = forged.split('.');
    const header = (await issuer.jwt(credential())).split('.')[0];
    await expect(verify([header, payload, signature].join('.'))).resolves.toMatchObject({
      verified: false,
      reasons: ['signature invalid'],
    });
  });

  it('refuses an unknown key', async () => {
    await expect(verify(await fixtureIssuer().jwt(credential()))).resolves.toMatchObject({ reasons: ['unknown key'] });
  });

  it('refuses an expired credential and one not yet valid', async () => {
    const expired = await issuer.jwt(credential({ validUntil: '2026-12-31T23:59:59Z' }));
    await expect(verify(expired)).resolves.toMatchObject({
      verified: false,
      reasons: ['credential expired'],
      checks: { expiry: 'failed', signature: 'passed' },
    });
    const early = await verify(await issuer.jwt(credential()), [], { now: new Date('2026-11-01T00:00:00Z') });
    expect(early.reasons).toContain('credential not yet valid');
  });

  it('refuses a revoked credential: its bit is set in the issuer\u2019s status list', async () => {
    const jwt = await issuer.jwt(credential({ index: 42 }));
    await expect(verify(jwt, [41, 43])).resolves.toMatchObject({ verified: true });
    await expect(verify(jwt, [42])).resolves.toMatchObject({
      verified: false,
      reasons: ['credential revoked'],
      checks: { status: 'failed' },
    });
  });

  it('does not trust a status list the issuer did not sign', async () => {
    const jwt = await issuer.jwt(credential());
    await expect(verify(jwt, [], { listSigner: fixtureIssuer() })).resolves.toMatchObject({
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
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`,
    ],
  ])('calls %s malformed (or refuses it)', async (_name, jwt) => {
    await expect(verify(jwt)).resolves.toMatchObject({ verified: false });
  });

  it('refuses a JWT that is not a credential, even if signed', async () => {
    const notVc = await new CompactSign(new TextEncoder().encode('{"hello":"world"}'))
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: issuer.kid('RS256') })
      .sign(issuer.key.rsa.privateKey);
    await expect(verify(notVc)).resolves.toMatchObject({ verified: false });
  });

  it('signs deterministically, so a credential served twice is the same document', async () => {
    expect(await issuer.jwt(credential())).toBe(await issuer.jwt(credential()));
    expect(await issuer.prove(credential())).toEqual(await issuer.prove(credential()));
    expect(generateIssuerKey('2026-01-01T00:00:00Z').rsa.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
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
      issuer: ISSUER.id,
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
