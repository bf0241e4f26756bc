import { z } from 'zod';
import { UserError } from '../errors.js';

const cursorSchema = z.object({ o: z.number().int().min(0) });

/** The offset inside an opaque pagination cursor; a tampered cursor is a clear error. */
export function decodeCursor(cursor: string): number {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).o;
  } catch {
    throw new UserError('invalid cursor: pass back the next_cursor of a previous result unchanged');
  }
}

/** An opaque cursor for the page starting at `offset`. */
export const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
