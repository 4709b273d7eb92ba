/**
 * The API names the field first in each 400 message (`components[1].weight must be ...`, see the API's
 * validation and the domain's violations): the field's path is the message's first word.
 */
const LEADING_PATH = /^([A-Za-z_][\w]*(?:\[\d+\]|\.[A-Za-z_][\w]*)*)(?=[ :])/;

export const fieldOf = (message: string): string | undefined => LEADING_PATH.exec(message)?.[1];

/** The messages about `field` or anything inside it (`level` takes `level.level`). */
export const messagesFor = (messages: readonly string[], field: string): string[] =>
  messages.filter((message) => {
    const path = fieldOf(message);
    return path !== undefined && (path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`));
  });
