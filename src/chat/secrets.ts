/** What stands in for a signing secret in everything a model is sent and every saved transcript. */
export const SECRET_PLACEHOLDER = '[secret shown to the user]';

/** Standard Webhooks signing secrets, as create_subscription returns them (base64 after the prefix). */
const SECRET = /whsec_[A-Za-z0-9+/=_-]+/g;

/** A tool result that carried secrets: what the person is shown, once, on their own terminal. */
export interface ShownSecrets {
  tool: string;
  /** The tool's readable result, secrets included. */
  text: string;
  /** Every distinct secret in the result, text and structured content alike. */
  secrets: string[];
}

function walk(value: unknown, onString: (s: string) => string): unknown {
  if (typeof value === 'string') return onString(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, onString));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, onString)]));
  return value;
}

/** Every distinct secret anywhere in a JSON-like value. */
export function findSecrets(value: unknown): string[] {
  const found = new Set<string>();
  walk(value, (s) => {
    for (const m of s.match(SECRET) ?? []) found.add(m);
    return s;
  });
  return [...found];
}

/** A copy of a JSON-like value with every secret replaced by SECRET_PLACEHOLDER, whatever tool or field it came from. */
export function redactSecrets<T>(value: T): T {
  return walk(value, (s) => s.replace(SECRET, SECRET_PLACEHOLDER)) as T;
}

/** The lines that show the person a result's secrets: the tool's own text, then any secret it did not mention. */
export function describeShownSecrets(shown: ShownSecrets): string {
  const extra = shown.secrets.filter((s) => !shown.text.includes(s));
  const lines = [...shown.text.split('\n'), ...extra.map((s) => `Secret: ${s}`)];
  return `  ${shown.tool} returned a secret, shown only here (the model sees ${SECRET_PLACEHOLDER}; /save does not keep it):\n${lines.map((l) => `    ${l}`).join('\n')}`;
}
