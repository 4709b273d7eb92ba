import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { Role } from '../auth/jwt.js';
import { PUBLIC_KEY, ROLES_KEY } from '../auth/roles.decorator.js';

/** One endpoint as its controller declares it. */
export interface Route {
  /** The feature module that registers it. */
  feature: string;
  method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
  /** `/v1/courses/:id`: Nest's path with its parameters. */
  path: string;
  /** The @Roles allowed, `public` for @Public(), `any` when neither (any valid token). */
  access: Role[] | 'public' | 'any';
  /** Reads a JSON body (@Body) / query parameters (@Query). */
  body: boolean;
  query: boolean;
}

const joined = (...parts: string[]): string =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

const argumentTypes = (controller: Type, handler: string): number[] =>
  Object.keys(Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}).map((key) =>
    Number(key.split(':')[0]),
  );

const routesOf = (feature: string, controller: Type): Route[] => {
  const prefix: string = Reflect.getMetadata(PATH_METADATA, controller) ?? '';
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (typeof handler !== 'function') return [];
    const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
    const path: string | undefined = Reflect.getMetadata(PATH_METADATA, handler);
    if (method === undefined || path === undefined) return [];
    const roles: Role[] | undefined =
      Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller);
    const isPublic = Boolean(Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller));
    const args = argumentTypes(controller, name);
    return [
      {
        feature,
        method: RequestMethod[method] as Route['method'],
        path: joined(prefix, path),
        access: isPublic ? 'public' : (roles ?? 'any'),
        body: args.includes(RouteParamtypes.BODY),
        query: args.includes(RouteParamtypes.QUERY),
      },
    ];
  });
};

/** Every endpoint the given feature modules register, read from their controllers' decorators. */
export const routeTable = (modules: readonly Type[]): Route[] =>
  modules.flatMap((module) =>
    ((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as Type[]).flatMap((controller) =>
      routesOf(module.name, controller),
    ),
  );
