/** The API's error shape: every 4xx names the field and the rule in `message[]`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    /** The whole error body: a 409 may carry ids to act on (e.g. `existingLearnerId`). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(messages.join('; ') || `request failed with status ${status}`);
  }
}

type Unauthorised = () => void;
let onUnauthorised: Unauthorised = () => undefined;

/** Called when the API says the token is missing, invalid or expired (401). */
export const whenUnauthorised = (handler: Unauthorised): void => {
  onUnauthorised = handler;
};

let currentToken: string | null = null;
export const authenticateWith = (token: string | null): void => {
  currentToken = token;
};
export const authorisation = (): Record<string, string> =>
  currentToken ? { authorization: `Bearer ${currentToken}` } : {};

const messagesOf = (body: unknown, status: number): string[] => {
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message)) return message.map(String);
  if (typeof message === 'string') return [message];
  return [`request failed with status ${status}`];
};

/** Calls the API with the signed-in token; throws ApiError with the API's messages on 4xx/5xx. */
export const api = async <T>(
  path: string,
  init: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json', ...authorisation() };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, ['The server could not be reached. Check your connection and try again.']);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (response.status === 401) onUnauthorised();
  if (!response.ok) {
    const details = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    throw new ApiError(response.status, messagesOf(body, response.status), details);
  }
  return body as T;
};

/** Fetches a file with the token (a plain link cannot send it) and hands it to the browser to save. */
export const download = async (path: string, fallbackName: string): Promise<void> => {
  const response = await fetch(path, { headers: authorisation() });
  if (response.status === 401) onUnauthorised();
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      /* not JSON */
    }
    throw new ApiError(response.status, messagesOf(body, response.status));
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
