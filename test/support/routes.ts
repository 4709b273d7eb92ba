import { FEATURE_MODULES, routeTable, type Route } from '#records-api';

/** Every endpoint the records API's feature modules register: what the trust tests must each cover. */
export const FEATURE_ROUTES: Route[] = routeTable(FEATURE_MODULES);

const segments = (path: string): string[] => path.replace(/\?.*$/, '').split('/').filter(Boolean);

/** True when a test's `method path` is a call of `route`: literal segments agree, any value fills a `:param`. */
export const isCallOf = (route: Route, method: string, path: string): boolean => {
  const [mine, theirs] = [segments(route.path), segments(path)];
  return (
    route.method === method &&
    mine.length === theirs.length &&
    mine.every((segment, i) => segment.startsWith(':') || segment === theirs[i])
  );
};

export const describeRoute = (route: Route): string => `${route.method} ${route.path} (${route.feature})`;
