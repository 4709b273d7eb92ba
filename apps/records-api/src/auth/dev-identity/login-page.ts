import { DEV_USERS, type DevUser } from './dev-users.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The page's own look, inline: it is served by the provider, not the web app's bundle. */
const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1f24;background:#f3f4f6}
main{max-width:32rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.5rem;margin:0 0 .25rem}
.card{background:#fff;border:1px solid #d0d5dd;border-radius:8px;padding:1.25rem}
.notice{background:#fff7e6;border-left:4px solid #b54708;padding:.75rem;margin:1rem 0}
fieldset{border:0;margin:0 0 1rem;padding:0}legend{font-weight:600;margin-bottom:.5rem}
.choice{display:flex;gap:.5rem;align-items:center;padding:.35rem 0}
label{font-weight:600}.hint{color:#475467;font-size:.9rem;margin:.25rem 0}
input[type=text]{width:100%;font:inherit;padding:.5rem;border:1px solid #667085;border-radius:4px}
.error{color:#b42318;font-weight:600;margin:.25rem 0}
button,a.cancel{font:inherit;padding:.6rem 1rem;border-radius:4px;margin-top:1rem}
button{background:#1d4ed8;color:#fff;border:0;cursor:pointer}a.cancel{display:inline-block;color:#1d4ed8}
:focus-visible{outline:3px solid #f79009;outline-offset:2px}`;

export interface LoginForm {
  user?: DevUser;
  subject?: string;
  errors?: { user?: string; subject?: string };
}

/**
 * The development provider's sign-in page: pick a sample user (a learner gives their learner id).
 * No password: this provider exists only on a developer's machine.
 */
export const loginPage = (action: string, cancel: string, form: LoginForm = {}): string => {
  const chosen = form.user ?? 'registry';
  const choices = Object.entries(DEV_USERS)
    .map(
      ([key, user]) =>
        `<div class="choice"><input type="radio" name="user" id="user-${key}" value="${key}"${
          key === chosen ? ' checked' : ''
        }><label for="user-${key}">${escapeHtml(user.label)}${
          user.subject ? ` <span class="hint">(${escapeHtml(user.subject)})</span>` : ''
        }</label></div>`,
    )
    .join('');
  const error = (text: string | undefined, id: string) =>
    text ? `<p class="error" id="${id}">${escapeHtml(text)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Credence development identity provider</title><style>${STYLE}</style></head>
<body><main>
<h1>Sign in to Credence</h1>
<p class="notice" role="note">Development identity provider: sample users, no passwords. It runs only with
AUTH_DEV_PROVIDER=on (<code>npm start</code>), never in production.</p>
<form class="card" method="post" action="${escapeHtml(action)}" novalidate>
<fieldset aria-describedby="user-error"><legend>Sign in as</legend>${error(form.errors?.user, 'user-error')}${choices}</fieldset>
<label for="subject">User id</label>
<p class="hint" id="subject-hint">A learner enters their learner id (<code>npm start</code> prints the sample
learners' ids). Staff may leave it empty to be the sample user shown beside their role.</p>
${error(form.errors?.subject, 'subject-error')}
<input type="text" id="subject" name="subject" autocomplete="username" spellcheck="false"
aria-describedby="subject-hint${form.errors?.subject ? ' subject-error' : ''}"${
    form.errors?.subject ? ' aria-invalid="true"' : ''
  } value="${escapeHtml(form.subject ?? '')}">
<button type="submit">Sign in</button>
<a class="cancel" href="${escapeHtml(cancel)}">Cancel</a>
</form></main></body></html>`;
};
