import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { createDevProvider, DEV_PROVIDER_PATH, grantEverything, type DevProvider } from './dev-provider.js';
import { DEV_USERS, isDevUser, SUBJECT_PATTERN } from './dev-users.js';
import { loginPage, type LoginForm } from './login-page.js';

const INTERACTION = new RegExp(`^${DEV_PROVIDER_PATH}/interaction/([\\w-]+)(/abort)?$`);
const MAX_FORM_BYTES = 4096;

/** The login page's own policy: its inline style, posting only to this server. */
const LOGIN_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) break;
  }
  return new URLSearchParams(body);
};

const sendPage = (res: ServerResponse, status: number, html: string): void => {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': LOGIN_PAGE_POLICY,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
};

/** What the login form asks for, or what is wrong with it (shown beside the field). */
const readLogin = (
  form: URLSearchParams,
): LoginForm & { account?: { subject: string; user: keyof typeof DEV_USERS } } => {
  const user = form.get('user');
  const subject = (form.get('subject') ?? '').trim();
  if (!isDevUser(user)) return { subject, errors: { user: 'Choose who to sign in as.' } };
  const chosen = subject || DEV_USERS[user].subject;
  if (!chosen) return { user, subject, errors: { subject: 'Enter your learner id to sign in as a learner.' } };
  if (!SUBJECT_PATTERN.test(chosen))
    return { user, subject, errors: { subject: 'A user id is 1 to 100 letters, digits and . _ @ - characters.' } };
  return { user, subject, account: { subject: chosen, user } };
};

/** The login page (GET), its answer (POST) and cancel: the provider's interactions, which it leaves to the host. */
const interact = async (
  { provider, accounts }: DevProvider,
  req: IncomingMessage,
  res: ServerResponse,
  abort: boolean,
) => {
  const details = await provider.interactionDetails(req, res);
  const clientId = String(details.params.client_id);
  if (abort)
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'sign-in cancelled' });
  // Already signed in, and only consent is asked: the one first-party client is trusted.
  if (details.prompt.name === 'consent' && details.session?.accountId) {
    const grantId = await grantEverything(provider, details.session.accountId, clientId);
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  const action = `${DEV_PROVIDER_PATH}/interaction/${details.uid}`;
  const cancel = `${action}/abort`;
  if (req.method !== 'POST') return sendPage(res, 200, loginPage(action, cancel));
  const login = readLogin(await readForm(req));
  if (!login.account) return sendPage(res, 400, loginPage(action, cancel, login));
  accounts.signIn(login.account.subject, DEV_USERS[login.account.user].role);
  const grantId = await grantEverything(provider, login.account.subject, clientId);
  return provider.interactionFinished(
    req,
    res,
    { login: { accountId: login.account.subject, remember: false }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
};

/** oidc-provider serves its paths relative to its mount point, as a Koa app mounted under a prefix. */
type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;
const mounted =
  (handle: NodeHandler) =>
  (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    new Promise((resolve) => {
      // As express and koa-mount do: the provider finds its mount point from the two.
      Object.assign(req, { originalUrl: req.url });
      req.url = req.url!.slice(DEV_PROVIDER_PATH.length) || '/';
      res.on('close', resolve);
      handle(req, res);
    });

/**
 * Mounts the development identity provider under /oidc on the API's own server. Its requests are
 * taken before Fastify parses their bodies (the provider reads its own form posts).
 */
export const mountDevProvider = async (
  fastify: FastifyInstance,
  publicBaseUrl: string,
  accessTokenSeconds: number,
): Promise<DevProvider> => {
  const dev = await createDevProvider(publicBaseUrl, accessTokenSeconds);
  const delegate = mounted(dev.provider.callback());
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path !== DEV_PROVIDER_PATH && !path.startsWith(`${DEV_PROVIDER_PATH}/`)) return;
    reply.hijack();
    const interaction = INTERACTION.exec(path);
    try {
      if (interaction) await interact(dev, request.raw, reply.raw, interaction[2] !== undefined);
      else await delegate(request.raw, reply.raw);
    } catch (error) {
      request.log.error(error);
      if (!reply.raw.headersSent)
        sendPage(
          reply.raw,
          400,
          '<!doctype html><title>Sign-in failed</title><p>This sign-in has expired or was already used. Go back to Credence and sign in again.</p>',
        );
      else reply.raw.end();
    }
  });
  return dev;
};
