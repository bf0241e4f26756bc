/**
 * A problem with what the caller asked for (unknown id, bad range, nothing to do). Tools
 * return it as an isError result and the CLI prints it; it is never a crash.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** A store lookup for an id that does not exist. */
export class NotFoundError extends UserError {
  constructor(what: string, id: string, hint: string) {
    super(`unknown ${what} "${id.length > 80 ? `${id.slice(0, 80)}…` : id}": ${hint}`);
    this.name = 'NotFoundError';
  }
}
