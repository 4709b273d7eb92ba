import { randomUUID } from 'node:crypto';
import { systemClock, WEBHOOK_SUBSCRIPTION_RULES } from '#domain';
import { boardRunnerProcess, relayProcess } from '#process-managers';
import { awardIssued } from '../integration/fixtures.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { TestApp } from '../support/test-app.js';

const eventually = async (condition: () => boolean | Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('webhook subscriptions over the API', () => {
  let api: TestApp;
  let receiver: WebhookReceiver;
  const integration = () => api.token('integration', 'hr-system');

  beforeAll(async () => {
    // Deliveries run on the real clock (signature timestamps, retry times), with a short schedule.
    const env = { WEBHOOK_RETRY_SCHEDULE: '50ms,50ms', WEBHOOK_POLL_MS: '50' };
    api = await TestApp.start({
      processes: (ports) => [...boardRunnerProcess(ports), ...relayProcess(env)({ ...ports, clock: systemClock })],
    });
    receiver = await new WebhookReceiver('whsec_unknown-yet').start();
  });
  afterAll(async () => {
    await receiver?.stop();
    await api?.destroy();
  });

  const create = (body: unknown, token = integration()) =>
    api.request('POST', '/v1/webhooks/subscriptions', { token, body });

  it('creates an endpoint with a secret of its own, lists it without the secret, and reveals it on request', async () => {
    const created = await create({ url: receiver.url, eventTypes: ['credence.award.issued.v1'], description: 'HR' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: receiver.url,
      eventTypes: ['credence.award.issued.v1'],
      status: 'active',
      deadLetters: 0,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/whsec_/);
    const listed = await api.request('GET', '/v1/webhooks/subscriptions');
    expect(listed.body.map((s: any) => s.id)).toContain(created.body.id);
    const secret = await api.request('GET', `/v1/webhooks/subscriptions/${created.body.id}/secret`);
    expect(secret.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secret.body.previousSecret).toBeNull();
    // Never in plain text in the log.
    for await (const event of api.store.readAll(0)) expect(JSON.stringify(event)).not.toContain(secret.body.secret);
    const other = (await create({ url: receiver.url })).body;
    const otherSecret = (await api.request('GET', `/v1/webhooks/subscriptions/${other.id}/secret`)).body.secret;
    expect(otherSecret).not.toBe(secret.body.secret);
    expect((await api.request('DELETE', `/v1/webhooks/subscriptions/${other.id}`)).status).toBe(204);
    expect((await api.request('GET', `/v1/webhooks/subscriptions/${other.id}`)).status).toBe(404);
    expect((await api.request('GET', `/v1/webhooks/subscriptions/${other.id}/secret`)).status).toBe(404);
    await api.request('DELETE', `/v1/webhooks/subscriptions/${created.body.id}`);
  });

  it("shows an integration client only its own endpoints and refuses it another's; registry staff see and manage all", async () => {
    const lms = api.token('integration', 'lms-sync');
    const own = (await create({ url: receiver.url })).body.id;
    const others = (await create({ url: receiver.url }, lms)).body.id;
    const listed = async (token: string) =>
      (await api.request('GET', '/v1/webhooks/subscriptions', { token })).body.map((s: any) => s.id);
    expect(await listed(integration())).toContain(own);
    expect(await listed(integration())).not.toContain(others);
    expect(await listed(lms)).toEqual([others]);
    expect(await listed(api.token('registry'))).toEqual(expect.arrayContaining([own, others]));
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['GET', '/secret', undefined],
      ['POST', '/pause', undefined],
      ['POST', '/resumption', undefined],
      ['POST', '/secret-rotation', {}],
      ['POST', '/test-events', undefined],
      ['POST', '/dead-letter-replays', {}],
      ['DELETE', '', undefined],
    ] as const) {
      const refused = await api.request(method, `/v1/webhooks/subscriptions/${others}${path}`, {
        token: integration(),
        body,
      });
      expect([`${method} ${path}`, refused.status, refused.body.message]).toEqual([
        `${method} ${path}`,
        403,
        [WEBHOOK_SUBSCRIPTION_RULES.owner],
      ]);
    }
    expect((await api.request('POST', `/v1/webhooks/subscriptions/${others}/pause`)).status).toBe(200);
    expect((await api.request('DELETE', `/v1/webhooks/subscriptions/${others}`, { token: lms })).status).toBe(204);
    expect((await api.request('DELETE', `/v1/webhooks/subscriptions/${own}`, { token: integration() })).status).toBe(
      204,
    );
  });

  it('refuses bad input naming the field and the rule, and unknown or repeated changes with 404 / 409', async () => {
    const bad = async (body: unknown) => (await create(body)).body;
    expect(await bad({ url: 'ftp://hr.example.org/x' })).toMatchObject({
      statusCode: 400,
      message: [expect.stringMatching(/^url must be an absolute http\(s\) URL/)],
    });
    expect((await bad({ url: receiver.url, eventTypes: ['credence.everything'] })).message).toEqual([
      expect.stringMatching(/^eventTypes must each be one of credence\./),
    ]);
    expect((await bad({ url: receiver.url, description: 'd'.repeat(201) })).message).toEqual([
      'description must be at most 200 characters',
    ]);
    const id = (await create({ url: receiver.url })).body.id;
    const rotate = await api.request('POST', `/v1/webhooks/subscriptions/${id}/secret-rotation`, {
      body: { overlapHours: 169 },
    });
    expect(rotate.body.message).toEqual(['overlapHours must be a whole number of hours from 0 to 168']);
    expect((await api.request('POST', `/v1/webhooks/subscriptions/${randomUUID()}/pause`)).status).toBe(404);
    expect((await api.request('POST', `/v1/webhooks/subscriptions/${id}/pause`)).status).toBe(200);
    expect((await api.request('POST', `/v1/webhooks/subscriptions/${id}/pause`)).status).toBe(409);
    expect((await api.request('POST', `/v1/webhooks/subscriptions/not-a-uuid/pause`)).status).toBe(400);
    await api.request('DELETE', `/v1/webhooks/subscriptions/${id}`);
    expect((await api.request('GET', '/v1/webhooks/subscriptions', { token: api.token('tutor') })).status).toBe(403);
  });

  it('sends a test event that the reference library verifies, with both secrets during a rotation', async () => {
    const { id } = (await create({ url: receiver.url })).body;
    const secretOf = async () => (await api.request('GET', `/v1/webhooks/subscriptions/${id}/secret`)).body;
    receiver.secret = (await secretOf()).secret;
    const test = await api.request('POST', `/v1/webhooks/subscriptions/${id}/test-events`);
    expect(test.body).toMatchObject({ delivered: true, status: 204, error: null });
    expect(receiver.received.at(-1)).toMatchObject({ verified: true, payload: { type: 'credence.webhook.test.v1' } });

    const old = receiver.secret;
    const rotated = await api.request('POST', `/v1/webhooks/subscriptions/${id}/secret-rotation`, { body: {} });
    expect(rotated.status).toBe(200);
    expect(Date.parse(rotated.body.previousSecretValidUntil) - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    const secrets = await secretOf();
    expect(secrets.previousSecret).toBe(old);
    expect((await api.request('POST', `/v1/webhooks/subscriptions/${id}/test-events`)).body.delivered).toBe(true);
    expect(receiver.received.at(-1)!.verified).toBe(true); // the receiver still holds the old secret
    receiver.secret = secrets.secret;
    expect((await api.request('POST', `/v1/webhooks/subscriptions/${id}/test-events`)).body.delivered).toBe(true);
    expect(receiver.received.at(-1)!.headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    await api.request('DELETE', `/v1/webhooks/subscriptions/${id}`);
  });

  it('dead-letters a delivery after its retries, lists and counts it, and a replay delivers it once', async () => {
    const down = await new WebhookReceiver('whsec_placeholder', () => 503).start();
    try {
      const { id } = (await create({ url: down.url, eventTypes: ['credence.award.issued.v1'] })).body;
      down.secret = (await api.request('GET', `/v1/webhooks/subscriptions/${id}/secret`)).body.secret;
      const event = awardIssued(randomUUID());
      await api.store.append(`award-${randomUUID()}`, [event], 'no-stream');
      await eventually(async () => (await api.request('GET', '/v1/webhooks/dead-letters')).body.length === 1);
      const [dead] = (await api.request('GET', '/v1/webhooks/dead-letters', { token: integration() })).body;
      expect(dead).toMatchObject({ subscriptionId: id, eventId: event.id, attempts: 3, lastError: 'HTTP 503' });
      expect(down.received.map((r) => r.headers['x-credence-delivery-attempt'])).toEqual(['1', '2', '3']);
      const metrics = (await api.request('GET', '/metrics', { token: null })).body as string;
      expect(metrics).toContain(`credence_webhook_dead_letters{subscription="${id}"} 1`);
      expect(metrics).toContain('credence_webhook_dead_letters_total 1');
      expect((await api.request('GET', `/v1/webhooks/subscriptions/${id}`)).body.deadLetters).toBe(1);

      down.answer = () => 200;
      const replay = api.request('POST', `/v1/webhooks/subscriptions/${id}/dead-letter-replays`, {
        body: { eventId: randomUUID() },
      });
      expect((await replay).status).toBe(404);
      const replayed = await api.request('POST', `/v1/webhooks/subscriptions/${id}/dead-letter-replays`, {
        body: { eventId: event.id },
      });
      expect(replayed.body).toEqual({ replayed: 1 });
      await eventually(() => down.accepted().length === 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(down.accepted().map((r) => [r.payload.id, r.headers['x-credence-delivery-attempt']])).toEqual([
        [event.id, '4'],
      ]);
      expect((await api.request('GET', '/v1/webhooks/dead-letters')).body).toEqual([]);
      const after = (await api.request('GET', '/metrics', { token: null })).body as string;
      expect(after).toContain('credence_webhook_dead_letters_total 0');
    } finally {
      await down.stop();
    }
  });

  it('serves /asyncapi.json and the data schemas; the OpenAPI lists the 4xx answers and the feed schema', async () => {
    const asyncApi = await api.request('GET', '/asyncapi.json', { token: null });
    expect(asyncApi.body).toMatchObject({ asyncapi: '3.0.0', channels: { awards: { address: 'credence.awards.v1' } } });
    const schema = await api.request('GET', '/schemas/events/credence.award.issued.v1.json', { token: null });
    expect(schema.body).toMatchObject({
      title: 'AwardIssuedV1',
      $id: expect.stringMatching(/credence\.award\.issued\.v1\.json$/),
    });
    expect((await api.request('GET', '/schemas/events/nothing.json', { token: null })).status).toBe(404);
    const docs = (await api.request('GET', '/docs-json', { token: null })).body;
    const responses = (path: string, method: string) =>
      Object.keys(docs.paths[path][method].responses)
        .filter((status) => status.startsWith('4'))
        .sort();
    expect(responses('/v1/webhooks/subscriptions/{id}/pause', 'post')).toEqual([
      '400',
      '401',
      '403',
      '404',
      '409',
      '429',
    ]);
    expect(responses('/v1/webhooks/subscriptions', 'post')).toEqual(['400', '401', '403', '409', '413', '415', '429']);
    expect(docs.paths['/v1/feed'].get.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/FeedPageDto',
    );
    expect(docs.components.schemas.ErrorBody.required).toEqual(['statusCode', 'error', 'message']);
    // Every operation states its 4xx answers, each an ErrorBody (under the media type the route produces).
    const fourXx = Object.entries(docs.paths as Record<string, Record<string, any>>).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        operation: `${method.toUpperCase()} ${path}`,
        schemas: [
          ...new Set(
            Object.entries(operation.responses as Record<string, any>)
              .filter(([status]) => status.startsWith('4'))
              .flatMap(([, response]) => Object.values(response.content ?? {}).map((c: any) => c.schema?.$ref)),
          ),
        ],
      })),
    );
    expect(fourXx.filter((o) => o.schemas.join() !== '#/components/schemas/ErrorBody')).toEqual([]);
  });
});
