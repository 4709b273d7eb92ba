import type { Role } from '#records-api';
import { COMMAND_ENDPOINTS, ID_PATHS, QUERY_ENDPOINTS, type CommandEndpoint, type Ids } from './endpoints.js';
import { DEEP_PLACEHOLDER, fieldMutations, type FieldMutation } from './field-mutations.js';
import {
  BAD_IDEMPOTENCY_KEYS,
  deeplyNestedJson,
  hugeString,
  MALFORMED_JSON,
  NOT_A_UUID,
  UNKNOWN_FIELD_NAMES,
  WRONG_CONTENT_TYPES,
} from './hostile-values.js';
import type { SeededRandom } from './seeded-random.js';
import { csvRequests } from './csv-uploads.js';

export interface BadRequest {
  label: string;
  method: string;
  path: string;
  caller: [Role, string?];
  /** The exact body text, when there is one. */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** False when the request is odd but may legitimately succeed (e.g. hostile free text). */
  certainlyRefused: boolean;
  /** A CSV sheet whose every row breaks a rule: the answer reports each row's error and nothing is appended. */
  everyRowRefused?: boolean;
}

const withIds = (path: string, ids: Ids) =>
  path.replace(/:(course|learner|enrolment)\b/g, (_m, name: keyof Ids) => ids[name]);

const setAt = (body: Record<string, unknown>, path: string, value: unknown): void => {
  const keys = path.split('.');
  let target: any = body;
  // A field of an optional object the valid body leaves out: the object is made around it.
  for (const key of keys.slice(0, -1)) target = target[key] ??= {};
  const last = keys.at(-1)!;
  if (value === undefined) delete target[last];
  else target[last] = value;
};

const mutated = (endpoint: CommandEndpoint, ids: Ids, mutations: FieldMutation[]): string => {
  const body = endpoint.validBody(ids);
  for (const m of mutations) setAt(body, m.field, m.value);
  const deep = mutations.find((m) => m.deep !== undefined)?.deep;
  const text = JSON.stringify(body);
  return deep === undefined ? text : text.replace(`"${DEEP_PLACEHOLDER}"`, deep);
};

/** Every field of every command endpoint, mutated one at a time. */
const fieldRequests = (ids: Ids, random: SeededRandom): BadRequest[] =>
  COMMAND_ENDPOINTS.flatMap((endpoint) =>
    endpoint.fields.flatMap((field) =>
      fieldMutations(field, random).map((m) => ({
        label: `POST ${endpoint.path}: ${m.label}`,
        method: 'POST',
        path: withIds(endpoint.path, ids),
        caller: endpoint.caller,
        rawBody: mutated(endpoint, ids, [m]),
        certainlyRefused: m.certainlyRefused,
      })),
    ),
  );

/** Two or three mutations of distinct top-level fields at once, chosen by the seeded PRNG. */
const combinedRequests = (ids: Ids, random: SeededRandom, count: number): BadRequest[] =>
  Array.from({ length: count }, () => {
    const endpoint = random.pick(COMMAND_ENDPOINTS.filter((e) => e.fields.length > 1));
    const tops = new Set<string>();
    const fields = random.sample(endpoint.fields, endpoint.fields.length).filter((f) => {
      const top = f.path.split('.')[0]!;
      if (tops.has(top)) return false;
      tops.add(top);
      return true;
    });
    const mutations = fields
      .slice(0, 2 + random.int(2))
      .map((f) => random.pick(fieldMutations(f, random).filter((m) => !m.deep)));
    return {
      label: `POST ${endpoint.path}: ${mutations.map((m) => m.label).join(' + ')}`,
      method: 'POST',
      path: withIds(endpoint.path, ids),
      caller: endpoint.caller,
      rawBody: mutated(endpoint, ids, mutations),
      certainlyRefused: mutations.some((m) => m.certainlyRefused),
    };
  });

/** Whole-body attacks: unknown fields, non-object bodies, broken JSON, content types, size, methods, keys. */
const bodyRequests = (ids: Ids): BadRequest[] =>
  COMMAND_ENDPOINTS.flatMap((endpoint) => {
    const path = withIds(endpoint.path, ids);
    const valid = endpoint.validBody(ids);
    const request = (label: string, rest: Partial<BadRequest>): BadRequest => ({
      label: `${rest.method ?? 'POST'} ${endpoint.path}: ${label}`,
      method: 'POST',
      path,
      caller: endpoint.caller,
      certainlyRefused: true,
      ...rest,
    });
    return [
      ...UNKNOWN_FIELD_NAMES.map((name) =>
        request(`unknown field ${JSON.stringify(name)}`, { rawBody: JSON.stringify({ ...valid, [name]: 1 }) }),
      ),
      request('a __proto__ field', { rawBody: JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"isAdmin":true},') }),
      ...['null', '[]', JSON.stringify([valid]), '"a string"', '42', 'true', '{}'].map((rawBody) =>
        request(`body ${rawBody.slice(0, 20)}`, { rawBody }),
      ),
      request('body nested 60,000 arrays deep', { rawBody: deeplyNestedJson(60_000, 'array') }),
      ...MALFORMED_JSON.map((rawBody) => request(`malformed JSON ${JSON.stringify(rawBody)}`, { rawBody })),
      ...WRONG_CONTENT_TYPES.map((contentType) =>
        request(`content type ${contentType}`, { rawBody: JSON.stringify(valid), contentType }),
      ),
      request('form-encoded body', { rawBody: 'reason=x&mark=1', contentType: 'application/x-www-form-urlencoded' }),
      request('a 300,000-byte body', { rawBody: JSON.stringify({ ...valid, padding: hugeString(300_000) }) }),
      ...['PUT', 'PATCH', 'DELETE'].map((method) =>
        request('wrong method', { method, rawBody: JSON.stringify(valid) }),
      ),
      ...BAD_IDEMPOTENCY_KEYS.map((key) =>
        request(`Idempotency-Key ${JSON.stringify(key.slice(0, 20))}`, {
          rawBody: JSON.stringify(valid),
          headers: { 'Idempotency-Key': key },
        }),
      ),
      request('Idempotency-Key on a body nested 60,000 arrays deep', {
        rawBody: deeplyNestedJson(60_000, 'array'),
        headers: { 'Idempotency-Key': 'deep-1' },
      }),
    ];
  });

/** Malformed ids in every path that takes one. */
const pathRequests = (ids: Ids): BadRequest[] =>
  ID_PATHS.flatMap(([method, path, caller, body]) =>
    NOT_A_UUID.map((id) => ({
      label: `${method} ${path}: id ${id.slice(0, 30)}`,
      method,
      path: path.replace(':id', id),
      caller,
      rawBody: body ? JSON.stringify(body(ids)) : undefined,
      certainlyRefused: true,
    })),
  );

const queryRequests = (ids: Ids): BadRequest[] => [
  { label: 'GET /v1/audit: no stream', method: 'GET', path: '/v1/audit', caller: ['registry'], certainlyRefused: true },
  ...QUERY_ENDPOINTS.flatMap((endpoint) =>
    endpoint.params.flatMap((param) =>
      [...param.bad.map((value) => [value]), param.bad.slice(0, 2)].map((values) => ({
        label: `${endpoint.method ?? 'GET'} ${endpoint.path}?${param.name}=${values.map((v) => v.slice(0, 20)).join('&')}`,
        method: endpoint.method ?? 'GET',
        path: `${withIds(endpoint.path, ids)}?${values.map((v) => `${encodeURIComponent(param.name)}=${encodeURIComponent(v)}`).join('&')}`,
        caller: endpoint.caller,
        certainlyRefused: param.certainlyRefused,
      })),
    ),
  ),
];

/** The whole deterministic corpus for one seed. */
export const badRequests = (ids: Ids, random: SeededRandom): BadRequest[] => [
  ...fieldRequests(ids, random),
  ...combinedRequests(ids, random, 300),
  ...bodyRequests(ids),
  ...pathRequests(ids),
  ...queryRequests(ids),
  ...csvRequests(ids),
];
