import { ConflictException, Controller, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { IssuerKeysView } from '#contracts';
import { activeKeys, LastSigningKey, signingKeyOf } from '#credentials';
import { Roles } from '../../auth/roles.decorator.js';
import { IssuerRegistry, type Issuer } from './issuer-registry.js';
import { jwkUrl, verificationMethodId } from './urls.js';

/**
 * Key rotation for an awarding body's issuer: a new generation signs from now on, older ones keep
 * verifying (published in the JWKS and as verification methods) until retired.
 */
@ApiTags('credentials')
@ApiBearerAuth()
@Controller('v1/credentials/issuers')
export class IssuerKeysController {
  constructor(private readonly issuers: IssuerRegistry) {}

  @Post(':slug/key-rotation')
  @HttpCode(200)
  @Roles('registry')
  rotate(@Param('slug') slug: string): IssuerKeysView {
    return viewOf(this.issuers.rotate(this.known(slug).slug));
  }

  /** The generation with this (RSA or Ed25519) thumbprint stops verifying: its credentials fail. */
  @Post(':slug/keys/:thumbprint/retirement')
  @HttpCode(200)
  @Roles('registry')
  retire(@Param('slug') slug: string, @Param('thumbprint') thumbprint: string): IssuerKeysView {
    const issuer = this.known(slug);
    if (!issuer.ring.keys.some((key) => key.rsa.thumbprint === thumbprint || key.ed25519.thumbprint === thumbprint))
      throw new NotFoundException(`issuer ${slug} has no key ${thumbprint}`);
    try {
      return viewOf(this.issuers.retire(slug, thumbprint));
    } catch (error) {
      if (error instanceof LastSigningKey) throw new ConflictException(error.message);
      throw error;
    }
  }

  private known(slug: string): Issuer {
    const issuer = this.issuers.bySlug(slug);
    if (!issuer) throw new NotFoundException(`issuer ${slug} not found`);
    return issuer;
  }
}

const viewOf = (issuer: Issuer): IssuerKeysView => {
  const signing = activeKeys(issuer.ring).length > 0 ? signingKeyOf(issuer.ring) : undefined;
  return {
    issuer: issuer.id,
    name: issuer.name,
    keys: issuer.ring.keys.map((key) => ({
      created: key.created,
      retired: key.retired ?? null,
      signing: key === signing,
      kids: [jwkUrl(issuer.id, key.rsa.thumbprint), jwkUrl(issuer.id, key.ed25519.thumbprint)],
      verificationMethod: verificationMethodId(issuer.id, key.ed25519.thumbprint),
    })),
  };
};
