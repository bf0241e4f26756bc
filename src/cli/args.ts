import { InvalidArgumentError } from 'commander';
import type { App } from '../app.js';

/** Runs a command's work on an opened app and always closes it (cli.ts gives it to each command module). */
export type WithApp = <T>(fn: (app: App) => T | Promise<T>) => Promise<T>;

/** A commander argument parser for a whole number from `min` to `max`. */
export const parseIntIn = (min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
  return n;
};
