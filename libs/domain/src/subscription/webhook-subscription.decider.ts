import type { Clock } from '../shared/clock.js';
import type { Decider } from '../shared/decider.js';
import { Forbidden, NotFound, StateConflict, Violations } from '../shared/errors.js';
import { isNonBlank } from '../shared/text.js';
import { isSealedText, type SealedText } from '../learner/personal-text.js';
import type {
  CreateWebhookSubscription,
  RotateWebhookSecret,
  WebhookManager,
  WebhookSubscriptionCommand,
  WebhookSubscriptionEvent,
} from './webhook-subscription.events.js';

/** The limits of a subscription, stated once (the API's DTOs import them). */
export const WEBHOOK_SUBSCRIPTION_LIMITS = {
  urlLength: 2000,
  descriptionLength: 200,
  eventTypes: 20,
  /** How long the previous secret keeps signing after a rotation: at most a week, 24 hours unless asked. */
  maxOverlapHours: 168,
  defaultOverlapHours: 24,
} as const;

export const WEBHOOK_SUBSCRIPTION_RULES = {
  url: `must be an absolute http(s) URL of at most ${WEBHOOK_SUBSCRIPTION_LIMITS.urlLength} characters, without credentials or fragment`,
  eventTypes: `must list at most ${WEBHOOK_SUBSCRIPTION_LIMITS.eventTypes} different event types (none means every type)`,
  description: `must be at most ${WEBHOOK_SUBSCRIPTION_LIMITS.descriptionLength} characters`,
  overlapHours: `must be a whole number of hours from 0 to ${WEBHOOK_SUBSCRIPTION_LIMITS.maxOverlapHours}`,
  owner: 'an integration client manages only the webhook endpoints it created',
} as const;

export type WebhookSubscriptionStatus = 'active' | 'paused' | 'disabled';

export interface WebhookSubscription {
  status: WebhookSubscriptionStatus;
  subscriptionId: string;
  url: string;
  eventTypes: string[];
  description: string;
  secret: SealedText;
  previousSecret: { secret: SealedText; validUntil: string } | null;
  createdAt: string;
  /** Who created it: an integration client sees and manages only its own. */
  owner: string;
  /** Why delivery stopped by itself (the endpoint answered 410), until someone resumes it. */
  disabledReason: string | null;
}

export type WebhookSubscriptionState =
  { status: 'none' } | WebhookSubscription | { status: 'deleted'; subscriptionId: string };

export const initialWebhookSubscriptionState: WebhookSubscriptionState = { status: 'none' };

const isEndpointUrl = (url: unknown): boolean => {
  if (typeof url !== 'string' || url.length > WEBHOOK_SUBSCRIPTION_LIMITS.urlLength || !URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.hash === ''
  );
};

const areEventTypes = (types: unknown): boolean =>
  Array.isArray(types) &&
  types.length <= WEBHOOK_SUBSCRIPTION_LIMITS.eventTypes &&
  types.every((type) => isNonBlank(type, 100)) &&
  new Set(types).size === types.length;

export const evolveWebhookSubscription = (
  state: WebhookSubscriptionState,
  event: WebhookSubscriptionEvent,
): WebhookSubscriptionState => {
  if (event.type === 'WebhookSubscriptionCreated') {
    const { subscriptionId, url, eventTypes, description, secret, createdAt, createdBy } = event.data;
    const created = { subscriptionId, url, eventTypes, description, secret, createdAt, owner: createdBy };
    return { status: 'active', ...created, previousSecret: null, disabledReason: null };
  }
  if (event.type === 'WebhookSubscriptionDeleted')
    return { status: 'deleted', subscriptionId: event.data.subscriptionId };
  if (state.status === 'none' || state.status === 'deleted') return state;
  switch (event.type) {
    case 'WebhookSubscriptionPaused':
      return { ...state, status: 'paused' };
    case 'WebhookSubscriptionResumed':
      return { ...state, status: 'active', disabledReason: null };
    case 'WebhookSubscriptionDisabled':
      return { ...state, status: 'disabled', disabledReason: event.data.reason };
    case 'WebhookSecretRotated':
      return {
        ...state,
        secret: event.data.secret,
        previousSecret: { secret: state.secret, validUntil: event.data.previousSecretValidUntil },
      };
  }
};

export const mayManage = (subscription: WebhookSubscription, manager: WebhookManager): boolean =>
  !manager.onlyOwn || subscription.owner === manager.by;

const create = ({ data }: CreateWebhookSubscription, state: WebhookSubscriptionState, clock: Clock) => {
  new Violations()
    .check(isNonBlank(data.subscriptionId), 'subscriptionId', 'must be 1-200 characters')
    .check(isEndpointUrl(data.url), 'url', WEBHOOK_SUBSCRIPTION_RULES.url)
    .check(areEventTypes(data.eventTypes), 'eventTypes', WEBHOOK_SUBSCRIPTION_RULES.eventTypes)
    .check(
      typeof data.description === 'string' && data.description.length <= WEBHOOK_SUBSCRIPTION_LIMITS.descriptionLength,
      'description',
      WEBHOOK_SUBSCRIPTION_RULES.description,
    )
    .check(isSealedText(data.secret), 'secret', 'must be sealed before it is recorded')
    .throwIfAny();
  if (state.status !== 'none') throw new StateConflict(`webhook subscription ${data.subscriptionId} already exists`);
  const event: WebhookSubscriptionEvent = {
    type: 'WebhookSubscriptionCreated',
    data: { ...data, description: data.description.trim(), createdAt: clock.now().toISOString() },
  };
  return [event];
};

const rotate = ({ data }: RotateWebhookSecret, state: WebhookSubscription, clock: Clock) => {
  new Violations()
    .check(
      Number.isInteger(data.overlapHours) &&
        data.overlapHours >= 0 &&
        data.overlapHours <= WEBHOOK_SUBSCRIPTION_LIMITS.maxOverlapHours,
      'overlapHours',
      WEBHOOK_SUBSCRIPTION_RULES.overlapHours,
    )
    .check(isSealedText(data.secret), 'secret', 'must be sealed before it is recorded')
    .throwIfAny();
  const now = clock.now();
  const event: WebhookSubscriptionEvent = {
    type: 'WebhookSecretRotated',
    data: {
      subscriptionId: state.subscriptionId,
      secret: data.secret,
      previousSecretValidUntil: new Date(now.getTime() + data.overlapHours * 3_600_000).toISOString(),
      rotatedBy: data.by,
      rotatedAt: now.toISOString(),
    },
  };
  return [event];
};

const decide = (
  command: WebhookSubscriptionCommand,
  state: WebhookSubscriptionState,
  clock: Clock,
): WebhookSubscriptionEvent[] => {
  if (command.type === 'CreateWebhookSubscription') return create(command, state, clock);
  if (state.status === 'none' || state.status === 'deleted') throw new NotFound('webhook subscription not found');
  if (command.type !== 'DisableWebhookSubscription' && !mayManage(state, command.data))
    throw new Forbidden(WEBHOOK_SUBSCRIPTION_RULES.owner);
  const at = clock.now().toISOString();
  const { subscriptionId } = state;
  switch (command.type) {
    case 'PauseWebhookSubscription':
      if (state.status !== 'active') throw new StateConflict(`webhook subscription is ${state.status}, not active`);
      return [{ type: 'WebhookSubscriptionPaused', data: { subscriptionId, pausedBy: command.data.by, pausedAt: at } }];
    case 'ResumeWebhookSubscription':
      if (state.status === 'active') throw new StateConflict('webhook subscription is already active');
      return [
        { type: 'WebhookSubscriptionResumed', data: { subscriptionId, resumedBy: command.data.by, resumedAt: at } },
      ];
    case 'DisableWebhookSubscription':
      // The delivery worker may see a 410 just after someone paused the endpoint: nothing more to stop.
      if (state.status !== 'active') return [];
      return [
        { type: 'WebhookSubscriptionDisabled', data: { subscriptionId, reason: command.data.reason, disabledAt: at } },
      ];
    case 'RotateWebhookSecret':
      return rotate(command, state, clock);
    case 'DeleteWebhookSubscription':
      return [
        { type: 'WebhookSubscriptionDeleted', data: { subscriptionId, deletedBy: command.data.by, deletedAt: at } },
      ];
  }
};

export const webhookSubscriptionDecider: Decider<
  WebhookSubscriptionCommand,
  WebhookSubscriptionEvent,
  WebhookSubscriptionState
> = {
  initialState: initialWebhookSubscriptionState,
  evolve: evolveWebhookSubscription,
  decide,
};

/** The secrets that sign a delivery at `now`: the current one, and the previous one during a rotation's overlap. */
export const signingSecrets = (subscription: WebhookSubscription, now: Date): SealedText[] =>
  subscription.previousSecret && new Date(subscription.previousSecret.validUntil).getTime() > now.getTime()
    ? [subscription.secret, subscription.previousSecret.secret]
    : [subscription.secret];
