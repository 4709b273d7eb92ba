import { generateKeyPairSync } from 'node:crypto';
import { generateSigningKey, InvalidSigningKey, parseSigningKey, privateKeyPem } from '#credentials';

/** CREDENTIAL_SIGNING_KEY formats. */
describe('signing keys', () => {
  const key = generateSigningKey();
  const jwk = key.privateKey.export({ format: 'jwk' });

  it('reads a PKCS#8 PEM, a JWK, and base64url d or d.x, all to the same key', () => {
    for (const text of [privateKeyPem(key), JSON.stringify(jwk), jwk.d!, `${jwk.d}.${jwk.x}`])
      expect(parseSigningKey(text).publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: jwk.x });
  });

  it('names the key by its RFC 7638 thumbprint', () => {
    expect(key.thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(parseSigningKey(privateKeyPem(key)).thumbprint).toBe(key.thumbprint);
  });

  it.each([
    ['garbage', 'not a key!'],
    ['a short d', 'abc'],
    ['a mismatched x', `${jwk.d}.${generateSigningKey().publicJwk.x}`],
    [
      'an RSA key',
      generateKeyPairSync('rsa', { modulusLength: 1024 })
        .privateKey.export({ format: 'pem', type: 'pkcs8' })
        .toString(),
    ],
  ])('refuses %s', (_name, text) => {
    expect(() => parseSigningKey(text)).toThrow(InvalidSigningKey);
  });
});
