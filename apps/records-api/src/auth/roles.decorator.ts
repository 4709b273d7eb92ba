import { SetMetadata } from '@nestjs/common';
import type { Role } from './jwt.js';

export const ROLES_KEY = 'credence:roles';
export const PUBLIC_KEY = 'credence:public';

/** Roles allowed to call an endpoint; ownership rules are checked by the handler. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Reachable without a token (health, docs, public credential verification). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
