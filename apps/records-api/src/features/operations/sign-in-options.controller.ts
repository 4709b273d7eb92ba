import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SignInOptionsView } from '#contracts';
import { Public } from '../../auth/roles.decorator.js';
import { DEV_WEB_CLIENT_ID, devProviderEndpoints } from '../../auth/dev-identity/dev-provider.js';
import type { AppConfig } from '#runtime';
import { APP_CONFIG } from '../../infrastructure/tokens.js';

/** Served to the web app before anyone signs in: which provider its "Sign in" goes to, as which client. */
@ApiTags('operations')
@Controller('v1/sign-in')
export class SignInOptionsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Public()
  options(): SignInOptionsView {
    const { auth, publicBaseUrl } = this.config;
    if (auth.devProvider)
      return { oidc: { issuer: devProviderEndpoints(publicBaseUrl).issuer, clientId: DEV_WEB_CLIENT_ID } };
    if (auth.jwksUrl && auth.issuer && auth.webClientId)
      return { oidc: { issuer: auth.issuer, clientId: auth.webClientId } };
    return { oidc: null };
  }
}
