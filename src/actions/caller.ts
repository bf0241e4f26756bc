/** Who is calling: the owner recorded on what they create, and whether they may act on everyone's. */
export interface Caller {
  /** Stable owner key: "token:<name>" for a static token, "oauth:<sub>" for an OAuth subject, "local" for stdio and the CLI. */
  owner: string;
  /** Admins see and change every caller's subscriptions. */
  admin: boolean;
}

/** Over stdio and in the CLI, the local user owns everything. */
export const LOCAL_CALLER: Caller = Object.freeze({ owner: 'local', admin: true });
