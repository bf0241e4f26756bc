import { describe, expect, it } from 'vitest';
import { describeShownSecrets, findSecrets, redactSecrets, SECRET_PLACEHOLDER } from './secrets.js';

const A = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/+Ab0Q==';
const B = 'whsec_c2Vjb25kLXNlY3JldC1zZWNvbmQtc2VjcmV0LTAxMjM=';

describe('secret redaction for chat', () => {
  it('finds and replaces secrets anywhere in a result, whatever the tool or field', () => {
    const result = {
      content: [{ type: 'text', text: `Created sub_1. Signing secret: ${A}` }],
      structuredContent: { anything: { nested: [{ key: B }, 42, null, true] }, secret: A },
    };
    expect(findSecrets(result).sort()).toEqual([A, B].sort());
    const clean = redactSecrets(result);
    expect(JSON.stringify(clean)).not.toMatch(/whsec_[A-Za-z0-9]/);
    expect(clean.content[0]!.text).toBe(`Created sub_1. Signing secret: ${SECRET_PLACEHOLDER}`);
    expect(clean.structuredContent.anything.nested).toEqual([{ key: SECRET_PLACEHOLDER }, 42, null, true]);
    // The original is left as it was: the person is still shown it.
    expect(result.structuredContent.secret).toBe(A);
  });

  it('shows the person each secret once: the tool text, plus any secret only the structured content had', () => {
    const text = describeShownSecrets({ tool: 'some_tool', text: `Created sub_1.\nSecret: ${A}`, secrets: [A, B] });
    expect(text.split(A)).toHaveLength(2);
    expect(text.split(B)).toHaveLength(2);
    expect(text).toContain('sub_1');
  });
});
