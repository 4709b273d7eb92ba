import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';

/** One key pair of an issuer key, with its public JWK and RFC 7638 thumbprint. */
export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: JsonWebKey;
  thumbprint: string;
}

/**
 * One generation of an issuer's keys: an RSA key for VC-JWT (RS256, the algorithm Open Badges 3.0
 * names as the minimum) and an Ed25519 key for EdDSA JWTs and `eddsa-rdfc-2022` Data Integrity
 * proofs. Rotation adds a generation; a retired one no longer verifies.
 */
export interface IssuerKey {
  created: string;
  retired?: string;
  rsa: KeyPair;
  ed25519: KeyPair;
}

/** An issuer's keys, oldest first: the newest not retired signs, every one not retired verifies. */
export interface Keyring {
  issuer: string;
  keys: IssuerKey[];
}

/** Retiring the only key not retired would leave the issuer unable to sign: rotate first. */
export class LastSigningKey extends Error {
  constructor(issuer: string) {
    super(`the key is ${issuer}'s only one not retired: rotate first, then retire it`);
    this.name = 'LastSigningKey';
  }
}

export class InvalidKeyring extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidKeyring';
  }
}

const REQUIRED_MEMBERS: Record<string, readonly string[]> = {
  RSA: ['e', 'kty', 'n'],
  OKP: ['crv', 'kty', 'x'],
};

/** RFC 7638: SHA-256 over the required members in lexicographic order. */
export const jwkThumbprint = (jwk: JsonWebKey): string => {
  const members = REQUIRED_MEMBERS[jwk.kty ?? ''];
  if (!members) throw new InvalidKeyring(`unsupported key type ${jwk.kty}`);
  const required = Object.fromEntries(members.map((name) => [name, jwk[name as keyof JsonWebKey]]));
  return createHash('sha256').update(JSON.stringify(required)).digest('base64url');
};

export const keyPairOf = (privateKey: KeyObject): KeyPair => {
  const publicKey = createPublicKey(privateKey);
  const publicJwk = publicKey.export({ format: 'jwk' });
  return { privateKey, publicKey, publicJwk, thumbprint: jwkThumbprint(publicJwk) };
};

export const generateIssuerKey = (created: string): IssuerKey => ({
  created,
  rsa: keyPairOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
  ed25519: keyPairOf(generateKeyPairSync('ed25519').privateKey),
});

export const activeKeys = (ring: Keyring): IssuerKey[] => ring.keys.filter((key) => !key.retired);

/** The key that signs new credentials: the newest not retired. */
export const signingKeyOf = (ring: Keyring): IssuerKey => {
  const active = activeKeys(ring);
  if (active.length === 0) throw new InvalidKeyring(`issuer ${ring.issuer} has no key that is not retired`);
  return active[active.length - 1]!;
};

/** Adds a new generation, which signs from now on; the older ones keep verifying until retired. */
export const rotate = (ring: Keyring, now: Date): Keyring => ({
  ...ring,
  keys: [...ring.keys, generateIssuerKey(now.toISOString())],
});

/** Retires the generation whose RSA or Ed25519 thumbprint is given: it no longer verifies. */
export const retire = (ring: Keyring, thumbprint: string, now: Date): Keyring => {
  if (!ring.keys.some((key) => key.rsa.thumbprint === thumbprint || key.ed25519.thumbprint === thumbprint))
    throw new InvalidKeyring(`issuer ${ring.issuer} has no key ${thumbprint}`);
  const retired = {
    ...ring,
    keys: ring.keys.map((key) =>
      key.rsa.thumbprint === thumbprint || key.ed25519.thumbprint === thumbprint
        ? { ...key, retired: key.retired ?? now.toISOString() }
        : key,
    ),
  };
  if (activeKeys(retired).length === 0) throw new LastSigningKey(ring.issuer);
  return retired;
};

const pem = (key: KeyObject): string => key.export({ format: 'pem', type: 'pkcs8' }).toString();

/** The keyring file: JSON with PKCS#8 PEM private keys. */
export const serializeKeyring = (ring: Keyring): string =>
  `${JSON.stringify(
    {
      issuer: ring.issuer,
      keys: ring.keys.map((key) => ({
        created: key.created,
        ...(key.retired ? { retired: key.retired } : {}),
        rsa: pem(key.rsa.privateKey),
        ed25519: pem(key.ed25519.privateKey),
      })),
    },
    null,
    2,
  )}\n`;

const privateKeyOf = (text: unknown, type: 'rsa' | 'ed25519', where: string): KeyPair => {
  if (typeof text !== 'string') throw new InvalidKeyring(`${where}.${type} must be a PKCS#8 PEM private key`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw new InvalidKeyring(`${where}.${type} is not a readable PEM private key`);
  }
  if (key.asymmetricKeyType !== type) throw new InvalidKeyring(`${where}.${type} must be an ${type} key`);
  if (type === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)
    throw new InvalidKeyring(`${where}.rsa must have at least 2048 bits`);
  return keyPairOf(key);
};

const isDate = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** Reads a keyring file's text; every problem is an InvalidKeyring saying which member is wrong. */
export const parseKeyring = (text: string): Keyring => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidKeyring('not JSON');
  }
  const ring = value as { issuer?: unknown; keys?: unknown };
  if (typeof ring?.issuer !== 'string' || !ring.issuer.trim()) throw new InvalidKeyring('issuer must be a name');
  if (!Array.isArray(ring.keys) || ring.keys.length === 0) throw new InvalidKeyring('keys must be a non-empty list');
  const keys = ring.keys.map((entry: Record<string, unknown>, i): IssuerKey => {
    const where = `keys[${i}]`;
    if (!isDate(entry?.created)) throw new InvalidKeyring(`${where}.created must be a date-time`);
    if (entry.retired !== undefined && !isDate(entry.retired))
      throw new InvalidKeyring(`${where}.retired must be a date-time`);
    return {
      created: entry.created,
      ...(entry.retired ? { retired: entry.retired as string } : {}),
      rsa: privateKeyOf(entry.rsa, 'rsa', where),
      ed25519: privateKeyOf(entry.ed25519, 'ed25519', where),
    };
  });
  return { issuer: ring.issuer, keys };
};
