import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { UserError } from '../errors.js';

/** What an action tool asks the person to confirm: what will happen, and where its effects go. */
export interface Confirmation {
  /** One sentence: what the tool is about to do. */
  action: string;
  /** Facts the person needs to decide (criteria, target, paths), one per line. */
  details: readonly string[];
}

/** The person declined or cancelled the confirmation, or did not answer: nothing was done. */
export class NotConfirmedError extends UserError {
  constructor(readonly outcome: 'decline' | 'cancel' | 'no answer') {
    super(
      outcome === 'decline'
        ? 'not done: the person declined when asked to confirm; nothing was changed'
        : outcome === 'cancel'
          ? 'not done: the person cancelled the confirmation; nothing was changed'
          : 'not done: no answer to the confirmation came back; nothing was changed',
    );
    this.name = 'NotConfirmedError';
  }
}

// A person answers the question, not a program: give them longer than the SDK's 60 s default.
const ANSWER_TIMEOUT_MS = 10 * 60_000;

/** The text a client shows when it asks the person (the elicitation message). */
export function confirmationMessage(c: Confirmation): string {
  return [c.action, ...c.details.map((d) => `- ${d}`), 'Go ahead?'].join('\n');
}

/**
 * Asks the person to confirm an action through `elicitation/create` (form mode, an empty form:
 * accept, decline or cancel) when the client declared form elicitation; a client without it
 * gets today's behaviour, the action runs. Throws NotConfirmedError on decline, cancel or no
 * answer, before anything was done. The request is tied to the tool call, so over HTTP it
 * travels on that call's stream.
 */
export async function confirmAction(
  server: Server,
  extra: RequestHandlerExtra<ServerRequest, ServerNotification>,
  c: Confirmation,
): Promise<void> {
  if (!server.getClientCapabilities()?.elicitation?.form) return;
  let action: string;
  try {
    const r = await server.elicitInput(
      { mode: 'form', message: confirmationMessage(c), requestedSchema: { type: 'object', properties: {} } },
      { relatedRequestId: extra.requestId, signal: extra.signal, timeout: ANSWER_TIMEOUT_MS },
    );
    action = r.action;
  } catch (err) {
    // The call itself was cancelled: let the abort propagate as it would anywhere else.
    if (extra.signal.aborted) throw err;
    throw new NotConfirmedError('no answer');
  }
  if (action === 'decline' || action === 'cancel') throw new NotConfirmedError(action);
}
