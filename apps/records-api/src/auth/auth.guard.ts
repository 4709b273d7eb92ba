import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { InvalidToken, type Principal, type Role } from './jwt.js';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';
import { TOKEN_VERIFIER, type TokenVerifier } from './token-verifier.js';

/** The principal, and the role under which it is acting on this endpoint. */
export type AuthenticatedRequest = FastifyRequest & { principal?: Principal; actingRole?: Role };

/** Bearer JWT on every endpoint unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly tokens: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new UnauthorizedException('a Bearer token is required');
    try {
      request.principal = await this.tokens.verify(header.slice('Bearer '.length).trim());
    } catch (error) {
      throw new UnauthorizedException(error instanceof InvalidToken ? error.message : 'invalid token');
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed) {
      request.actingRole = request.principal.roles[0];
      return true;
    }
    // The endpoint's first listed role the caller holds: staff roles come before `learner`.
    request.actingRole = allowed.find((role) => request.principal!.roles.includes(role));
    if (!request.actingRole) throw new ForbiddenException(`requires one of the roles: ${allowed.join(', ')}`);
    return true;
  }
}
