/** The parts of oidc-provider the development identity provider uses (the package ships no types). */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface ClientMetadata {
    client_id: string;
    token_endpoint_auth_method: 'none';
    grant_types: string[];
    response_types: string[];
    response_modes: string[];
    redirect_uris: string[];
    post_logout_redirect_uris: string[];
    client_name?: string;
  }
  export interface Client {
    clientId: string;
    grantTypeAllowed(type: string): boolean;
    redirectUris: string[];
  }
  export interface Account {
    accountId: string;
    claims(): Promise<{ sub: string; [claim: string]: unknown }>;
  }
  export interface Interaction {
    uid: string;
    prompt: { name: string };
    params: { client_id?: string; [name: string]: unknown };
    session?: { accountId?: string };
  }
  export interface InteractionResult {
    login?: { accountId: string; remember?: boolean };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }
  export interface ResourceServer {
    scope: string;
    audience: string;
    accessTokenTTL: number;
    accessTokenFormat: 'jwt';
    jwt: { sign: { alg: string } };
  }
  export interface Configuration {
    clients: ClientMetadata[];
    responseTypes: string[];
    findAccount(ctx: unknown, id: string): Promise<Account | undefined>;
    interactions: { url(ctx: unknown, interaction: Interaction): string };
    cookies: { keys: string[] };
    jwks: { keys: object[] };
    pkce: { required(): boolean };
    features: {
      devInteractions: { enabled: boolean };
      resourceIndicators: {
        enabled: boolean;
        defaultResource(): string;
        useGrantedResource(): boolean;
        getResourceServerInfo(ctx: unknown, indicator: string): ResourceServer;
      };
      rpInitiatedLogout: { enabled: boolean };
    };
    extraTokenClaims(ctx: unknown, token: { accountId?: string }): Promise<Record<string, unknown> | undefined>;
    issueRefreshToken(ctx: unknown, client: Client): Promise<boolean>;
    clientBasedCORS(ctx: unknown, origin: string, client: Client): boolean;
    ttl: Record<string, number>;
  }
  export class Grant {
    constructor(options: { accountId: string; clientId: string });
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }
  /** The Koa context of a request, as the provider's middleware sees it. */
  export interface Context {
    oidc?: { route: string };
    body?: Record<string, unknown>;
  }
  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly Grant: typeof Grant;
    use(middleware: (ctx: Context, next: () => Promise<void>) => Promise<void>): void;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResult,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
  export namespace errors {
    class InvalidTarget extends Error {}
  }
}
