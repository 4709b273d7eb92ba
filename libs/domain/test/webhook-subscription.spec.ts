import {
  Forbidden,
  NotFound,
  signingSecrets,
  StateConflict,
  systemClock,
  WEBHOOK_SUBSCRIPTION_RULES,
  webhookSubscriptionDecider,
  type CreateWebhookSubscription,
  type SealedText,
  type WebhookSubscription,
  type WebhookSubscriptionCommand,
  type WebhookSubscriptionEvent,
} from '#domain';
import { given, NOW } from './given-when-then.js';

const ID = 'sub-1';
const sealed = (n: number): SealedText => ({ sealed: 'A256GCM', iv: `iv${n}`, ciphertext: `ct${n}` });
const URL_ = 'https://hr.example.org/hooks/credence';

const create = (overrides: Record<string, unknown> = {}): CreateWebhookSubscription =>
  ({
    type: 'CreateWebhookSubscription',
    data: {
      subscriptionId: ID,
      url: URL_,
      eventTypes: ['credence.award.issued.v1'],
      description: 'HR system',
      secret: sealed(1),
      createdBy: 'registry-1',
      ...overrides,
    },
  }) as CreateWebhookSubscription;

const created: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionCreated',
  data: {
    subscriptionId: ID,
    url: URL_,
    eventTypes: ['credence.award.issued.v1'],
    description: 'HR system',
    secret: sealed(1),
    createdBy: 'registry-1',
    createdAt: '2026-03-01T10:00:00.000Z',
  },
};
const paused: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionPaused',
  data: { subscriptionId: ID, pausedBy: 'registry-1', pausedAt: '2026-03-01T10:00:00.000Z' },
};
const disabled: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionDisabled',
  data: { subscriptionId: ID, reason: 'the endpoint answered 410 Gone', disabledAt: '2026-03-01T10:00:00.000Z' },
};
const deleted: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionDeleted',
  data: { subscriptionId: ID, deletedBy: 'registry-1', deletedAt: '2026-03-01T10:00:00.000Z' },
};
const by = { by: 'registry-1', onlyOwn: false };

describe('webhook subscription decider', () => {
  it('creates an endpoint with its filter and sealed secret', () => {
    given(webhookSubscriptionDecider).when(create()).then([created]);
  });

  it.each([
    ['url', { url: 'ftp://hr.example.org/x' }],
    ['url', { url: 'https://user:pw@hr.example.org/x' }],
    ['url', { url: 'not a url' }],
    ['url', { url: `https://hr.example.org/${'x'.repeat(2000)}` }],
    ['eventTypes', { eventTypes: ['a', 'a'] }],
    ['eventTypes', { eventTypes: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
    ['description', { description: 'd'.repeat(201) }],
    ['secret', { secret: 'whsec_plain' }],
  ])('refuses a bad %s', (field, overrides) => {
    given(webhookSubscriptionDecider).when(create(overrides)).thenViolates(field);
  });

  it('refuses to create the same subscription twice', () => {
    given(webhookSubscriptionDecider, created).when(create()).thenThrows(StateConflict);
  });

  it('pauses an active endpoint and resumes it; pausing twice conflicts', () => {
    given(webhookSubscriptionDecider, created).when({ type: 'PauseWebhookSubscription', data: by }).then([paused]);
    given(webhookSubscriptionDecider, created, paused)
      .when({ type: 'PauseWebhookSubscription', data: by })
      .thenThrows(StateConflict);
    given(webhookSubscriptionDecider, created, paused)
      .when({ type: 'ResumeWebhookSubscription', data: by })
      .then([
        {
          type: 'WebhookSubscriptionResumed',
          data: { subscriptionId: ID, resumedBy: 'registry-1', resumedAt: '2026-03-01T10:00:00.000Z' },
        },
      ]);
  });

  it('is disabled by a 410 while active, and only then (a paused endpoint stays paused)', () => {
    const disable = { type: 'DisableWebhookSubscription', data: { reason: 'the endpoint answered 410 Gone' } } as const;
    const { state } = given(webhookSubscriptionDecider, created).when(disable).then([disabled]);
    expect(state).toMatchObject({ status: 'disabled', disabledReason: 'the endpoint answered 410 Gone' });
    given(webhookSubscriptionDecider, created, paused).when(disable).then([]);
  });

  it('resumes a disabled endpoint and forgets why it was disabled', () => {
    const state = given(webhookSubscriptionDecider, created, disabled, {
      type: 'WebhookSubscriptionResumed',
      data: { subscriptionId: ID, resumedBy: 'registry-1', resumedAt: NOW },
    }).state();
    expect(state).toMatchObject({ status: 'active', disabledReason: null });
  });

  it('rotates the secret, keeping the previous one valid for the overlap', () => {
    const { state } = given(webhookSubscriptionDecider, created)
      .when({ type: 'RotateWebhookSecret', data: { secret: sealed(2), overlapHours: 24, ...by } })
      .then([
        {
          type: 'WebhookSecretRotated',
          data: {
            subscriptionId: ID,
            secret: sealed(2),
            previousSecretValidUntil: '2026-03-02T10:00:00.000Z',
            rotatedBy: 'registry-1',
            rotatedAt: '2026-03-01T10:00:00.000Z',
          },
        },
      ]);
    const subscription = state as WebhookSubscription;
    expect(signingSecrets(subscription, new Date('2026-03-02T09:59:59Z'))).toEqual([sealed(2), sealed(1)]);
    expect(signingSecrets(subscription, new Date('2026-03-02T10:00:00Z'))).toEqual([sealed(2)]);
  });

  it('signs with the new and the previous secret on the real clock during an overlap', () => {
    const rotate = { type: 'RotateWebhookSecret', data: { secret: sealed(2), overlapHours: 1, ...by } } as const;
    const before = given(webhookSubscriptionDecider, created).state();
    const [rotated] = webhookSubscriptionDecider.decide(rotate, before, systemClock);
    const after = webhookSubscriptionDecider.evolve(before, rotated!) as WebhookSubscription;
    expect(signingSecrets(after, new Date())).toEqual([sealed(2), sealed(1)]);
    expect(signingSecrets(after, new Date(Date.now() + 3_600_001))).toEqual([sealed(2)]);
  });

  it('refuses an overlap longer than a week', () => {
    given(webhookSubscriptionDecider, created)
      .when({ type: 'RotateWebhookSecret', data: { secret: sealed(2), overlapHours: 169, ...by } })
      .thenViolates('overlapHours', 'from 0 to 168');
  });

  it('deletes an endpoint; then nothing can be done with it', () => {
    given(webhookSubscriptionDecider, created).when({ type: 'DeleteWebhookSubscription', data: by }).then([deleted]);
    given(webhookSubscriptionDecider, created, deleted)
      .when({ type: 'ResumeWebhookSubscription', data: by })
      .thenThrows(NotFound);
    given(webhookSubscriptionDecider).when({ type: 'PauseWebhookSubscription', data: by }).thenThrows(NotFound);
  });

  describe('an integration client manages only the endpoints it created', () => {
    const client = (id: string) => ({ by: id, onlyOwn: true });
    const createdByClient: WebhookSubscriptionEvent = {
      ...created,
      data: { ...created.data, createdBy: 'hr-system' } as typeof created.data,
    };

    it('its own endpoint: pause, delete', () => {
      given(webhookSubscriptionDecider, createdByClient)
        .when({ type: 'PauseWebhookSubscription', data: client('hr-system') })
        .then([{ ...paused, data: { ...paused.data, pausedBy: 'hr-system' } } as WebhookSubscriptionEvent]);
      given(webhookSubscriptionDecider, createdByClient)
        .when({ type: 'DeleteWebhookSubscription', data: client('hr-system') })
        .then([{ ...deleted, data: { ...deleted.data, deletedBy: 'hr-system' } } as WebhookSubscriptionEvent]);
    });

    it.each([
      ['PauseWebhookSubscription', {}],
      ['ResumeWebhookSubscription', {}],
      ['RotateWebhookSecret', { secret: sealed(2), overlapHours: 1 }],
      ['DeleteWebhookSubscription', {}],
    ] as const)("not another's: %s is forbidden", (type, data) => {
      given(webhookSubscriptionDecider, createdByClient, paused)
        .when({ type, data: { ...data, ...client('lms-sync') } } as WebhookSubscriptionCommand)
        .thenThrows(Forbidden, WEBHOOK_SUBSCRIPTION_RULES.owner);
    });

    it('registry staff manage every endpoint', () => {
      given(webhookSubscriptionDecider, createdByClient)
        .when({ type: 'PauseWebhookSubscription', data: by })
        .then([paused]);
    });
  });
});
