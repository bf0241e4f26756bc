/**
 * CPE 2.3 names (NISTIR 7695): the formatted string binding
 * `cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other`,
 * with "\" escapes, and the older URI binding `cpe:/part:vendor:product:version...` that
 * inventories still carry.
 */
export interface Cpe {
  part: 'a' | 'o' | 'h' | '*';
  vendor: string;
  product: string;
  /** null for "*" (any) or "-" (not applicable). */
  version: string | null;
  update: string | null;
}

const ATTRS = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language', 'sw_edition', 'target_sw', 'target_hw', 'other'] as const;

/** Splits on unescaped colons and removes the escapes. */
function splitFormatted(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += s[++i]!;
    } else if (c === ':') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

const value = (v: string | undefined) => (v === undefined || v === '' || v === '*' || v === '-' ? null : v.toLowerCase());

/** Parses a CPE 2.3 formatted string or a CPE 2.2 URI; null when it is neither. */
export function parseCpe(text: string): Cpe | null {
  const s = text.trim();
  if (s.length > 1_000) return null;
  let fields: string[];
  if (/^cpe:2\.3:/i.test(s)) {
    fields = splitFormatted(s.slice(8));
    if (fields.length !== ATTRS.length) return null;
  } else if (/^cpe:\/[aoh]?:/i.test(s)) {
    fields = s
      .slice(5)
      .split(':')
      .map((f) => {
        try {
          return decodeURIComponent(f);
        } catch {
          return f;
        }
      });
  } else {
    return null;
  }
  const part = (fields[0] ?? '').toLowerCase() || '*';
  if (part !== 'a' && part !== 'o' && part !== 'h' && part !== '*') return null;
  const vendor = value(fields[1]);
  const product = value(fields[2]);
  if (!vendor || !product) return null;
  return { part, vendor, product, version: value(fields[3]), update: value(fields[4]) };
}

/** The vendor:product key two CPEs share when they name the same product. */
export const cpeKey = (c: Cpe) => `${c.vendor}:${c.product}`;
