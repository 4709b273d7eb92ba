import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** An Ed25519 signing key with its public JWK and key id (RFC 7638 thumbprint). */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: Ed25519PublicJwk;
  /** The JWK thumbprint; the JOSE `kid` is `<issuer id>#<thumbprint>`. */
  thumbprint: string;
}

export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

export class InvalidSigningKey extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSigningKey';
  }
}

const B64URL = /^[A-Za-z0-9_-]+$/;

export const signingKeyFrom = (privateKey: KeyObject): SigningKey => {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519')
    throw new InvalidSigningKey('the credential signing key must be an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  const { x } = publicKey.export({ format: 'jwk' });
  const publicJwk: Ed25519PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: x! };
  return { privateKey, publicKey, publicJwk, thumbprint: jwkThumbprint(publicJwk) };
};

/** RFC 7638: SHA-256 over the required members in lexicographic order. */
export const jwkThumbprint = (jwk: Ed25519PublicJwk): string =>
  createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x }))
    .digest('base64url');

export const generateSigningKey = (): SigningKey => signingKeyFrom(generateKeyPairSync('ed25519').privateKey);

/**
 * Reads a configured key: a PKCS#8 PEM, a JSON JWK ({kty: OKP, crv: Ed25519, d, x}), or the
 * base64url private scalar `d` alone, optionally followed by `.x` (then x must match d).
 */
export const parseSigningKey = (text: string): SigningKey => {
  const value = text.trim();
  try {
    if (value.startsWith('-----BEGIN')) return signingKeyFrom(createPrivateKey({ key: value, format: 'pem' }));
    if (value.startsWith('{')) return fromJwk(JSON.parse(value) as Record<string, unknown>);
    const [d, x] = value.split('.');
    if (!d || !B64URL.test(d) || (x !== undefined && !B64URL.test(x))) throw new InvalidSigningKey('not base64url');
    const key = fromJwk({ kty: 'OKP', crv: 'Ed25519', d, x: x ?? derivePublicX(d) });
    return key;
  } catch (error) {
    if (error instanceof InvalidSigningKey && error.message.startsWith('the credential')) throw error;
    throw new InvalidSigningKey(
      'the credential signing key must be an Ed25519 PKCS#8 PEM, an Ed25519 JWK with d and x, or base64url "d[.x]"',
    );
  }
};

const fromJwk = (jwk: Record<string, unknown>): SigningKey => {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || typeof jwk.x !== 'string')
    throw new InvalidSigningKey('not an Ed25519 JWK');
  const key = signingKeyFrom(
    createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: jwk.d, x: jwk.x }, format: 'jwk' }),
  );
  if (key.publicJwk.x !== jwk.x) throw new InvalidSigningKey('the credential signing key: x does not match d');
  return key;
};

/** Ed25519 public key from a raw 32-byte seed, via the PKCS#8 prefix (no JWK x needed). */
const derivePublicX = (d: string): string => {
  const seed = Buffer.from(d, 'base64url');
  if (seed.length !== 32) throw new InvalidSigningKey('d must be 32 bytes');
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  return createPublicKey(privateKey).export({ format: 'jwk' }).x!;
};

export const privateKeyPem = (key: SigningKey): string =>
  key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
