/** A broken rule on one input field: the shell turns these into a 400 naming the field. */
export interface Violation {
  field: string;
  rule: string;
}

/** Base of every rejection a decider can give; `kind` maps one-to-one onto an HTTP status. */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid' | 'conflict' | 'not-found' | 'forbidden';
}

/** The command itself is malformed or breaks a rule of the domain (400). */
export class InvalidCommand extends DomainError {
  readonly kind = 'invalid' as const;
  constructor(readonly violations: Violation[]) {
    super(violations.map((v) => `${v.field} ${v.rule}`).join('; '));
  }
}

/** The command is well formed but the current state does not allow it (409). */
export class StateConflict extends DomainError {
  readonly kind = 'conflict' as const;
  /** Ids the caller needs to act on the refusal (e.g. the learner already registered), sent beside the message. */
  constructor(
    message: string,
    readonly details: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The caller is not the person a rule allows to do this, whatever their role (403): the message names the rule. */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden' as const;
}

/** The command refers to something that does not exist (404). */
export class NotFound extends DomainError {
  readonly kind = 'not-found' as const;
}

/** Collects violations so a command reports every bad field at once, not just the first. */
export class Violations {
  private readonly found: Violation[] = [];

  check(ok: boolean, field: string, rule: string): this {
    if (!ok) this.found.push({ field, rule });
    return this;
  }

  add(field: string, rule: string): this {
    this.found.push({ field, rule });
    return this;
  }

  get any(): boolean {
    return this.found.length > 0;
  }

  throwIfAny(): void {
    if (this.any) throw new InvalidCommand([...this.found]);
  }
}
