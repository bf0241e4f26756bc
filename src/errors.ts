/**
 * What went wrong, in the few kinds a caller can act on (like the MCP SDK's `McpError` and its
 * `ErrorCode`). The CLI maps a kind to an exit code (`exitCode`) and the MCP server to an
 * `isError` result (`mcp/tool.ts`), each in one place.
 */
export type ErrorKind =
  /** Something in what the caller asked for: a bad argument, an invalid file, an unsafe URL, an index another embedder built. */
  | 'input'
  /** An id that does not exist. */
  | 'not_found'
  /** The configuration is invalid: a bad key or value, from wherever it came. */
  | 'configuration'
  /** Another process holds what is needed; trying again later works. */
  | 'busy'
  /** The chat model's endpoint failed or refused. */
  | 'upstream_model'
  /** A bug or an unforeseen failure: logged with its stack. */
  | 'internal';

/** The one base of Storyline's errors: its message is the whole answer, its kind says what to do. */
export class StorylineError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A problem with what the caller asked for (bad range, nothing to do). Tools return it as an
 * isError result and the CLI prints it; it is never a crash.
 */
export class UserError extends StorylineError {
  constructor(message: string) {
    super('input', message);
  }
}

/** A store lookup for an id that does not exist. */
export class NotFoundError extends StorylineError {
  constructor(what: string, id: string, hint: string) {
    super('not_found', `unknown ${what} "${id.length > 80 ? `${id.slice(0, 80)}…` : id}": ${hint}`);
  }
}

/** The error's kind: anything not raised as a StorylineError is internal. */
export const errorKind = (err: unknown): ErrorKind => (err instanceof StorylineError ? err.kind : 'internal');

/** Exit codes of the CLI: 2 for configuration (and usage) errors, 1 for everything else. */
export const exitCode = (kind: ErrorKind): number => (kind === 'configuration' ? 2 : 1);
