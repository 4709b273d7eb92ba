import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '#domain';
import { generateIssuerKey, parseKeyring, retire, rotate, serializeKeyring, type Keyring } from '#credentials';
import { writeFileAtomically } from '#runtime';
import { CREDENTIAL_SETTINGS, KEYRING_EXTENSION, type CredentialSettings } from './credential-settings.js';
import { CLOCK } from '../../infrastructure/tokens.js';
import { issuerUrl } from './urls.js';

/** An issuer: an awarding body (or the deployment, for CLRs) with its own Profile and keys. */
export interface Issuer {
  slug: string;
  id: string;
  name: string;
  ring: Keyring;
}

/** "University of Northshire" -> "university-of-northshire" */
export const slugOf = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || createHash('sha256').update(name).digest('hex').slice(0, 12);

/**
 * The issuers' keyrings, one file each in CREDENTIAL_KEYS_DIR, created (exclusively, so two
 * replicas cannot both create one) the first time an awarding body issues. A file changed by a
 * rotation is read again on its next use.
 */
@Injectable()
export class IssuerRegistry {
  private readonly loaded = new Map<string, { ring: Keyring; mtimeMs: number }>();

  constructor(
    @Inject(CREDENTIAL_SETTINGS) private readonly settings: CredentialSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The awarding body's issuer, its keys generated on first use. */
  named(name: string): Issuer {
    const base = slugOf(name);
    const existing = this.bySlug(base);
    // Two names that slug alike get told apart by a hash of the name.
    const slug =
      existing && existing.name !== name
        ? `${base}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`
        : base;
    const found = slug === base ? existing : this.bySlug(slug);
    if (found) return found;
    try {
      const ring: Keyring = { issuer: name, keys: [generateIssuerKey(this.clock.now().toISOString())] };
      writeFileAtomically(this.fileOf(slug), serializeKeyring(ring), { exclusive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return this.bySlug(slug)!;
  }

  /** The same issuer as it was (or is) named under `baseUrl`: same keys and status list, other URLs. */
  at(issuer: Issuer, baseUrl: string): Issuer {
    return { ...issuer, id: issuerUrl({ baseUrl }, issuer.slug) };
  }

  deployment(): Issuer {
    return this.named(this.settings.issuerName);
  }

  /** The issuer; its id under `baseUrl` (the current base unless a former one is named). */
  bySlug(slug: string, baseUrl = this.settings.baseUrl): Issuer | undefined {
    if (!/^[a-z0-9-]{1,80}$/.test(slug)) return undefined;
    const file = this.fileOf(slug);
    if (!existsSync(file)) return undefined;
    const { mtimeMs } = statSync(file);
    let cached = this.loaded.get(slug);
    if (!cached || cached.mtimeMs !== mtimeMs) {
      cached = { ring: parseKeyring(readFileSync(file, 'utf8')), mtimeMs };
      this.loaded.set(slug, cached);
    }
    return { slug, id: issuerUrl({ baseUrl }, slug), name: cached.ring.issuer, ring: cached.ring };
  }

  all(): Issuer[] {
    return readdirSync(this.settings.keysDir)
      .filter((file) => file.endsWith(KEYRING_EXTENSION))
      .map((file) => this.bySlug(file.slice(0, -KEYRING_EXTENSION.length)))
      .filter((issuer): issuer is Issuer => issuer !== undefined);
  }

  /** A new key generation signs from now on; the older ones keep verifying until retired. */
  rotate(slug: string): Issuer {
    return this.rewrite(slug, (ring) => rotate(ring, this.clock.now()));
  }

  /** The key generation with this thumbprint stops verifying. */
  retire(slug: string, thumbprint: string): Issuer {
    return this.rewrite(slug, (ring) => retire(ring, thumbprint, this.clock.now()));
  }

  private rewrite(slug: string, change: (ring: Keyring) => Keyring): Issuer {
    const issuer = this.bySlug(slug);
    if (!issuer) throw new Error(`no issuer ${slug}`);
    writeFileAtomically(this.fileOf(slug), serializeKeyring(change(issuer.ring)));
    this.loaded.delete(slug);
    return this.bySlug(slug)!;
  }

  private fileOf(slug: string): string {
    return join(this.settings.keysDir, `${slug}${KEYRING_EXTENSION}`);
  }
}
