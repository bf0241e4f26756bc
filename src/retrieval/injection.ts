// Phrases and shapes that address a model rather than a reader: stored text that carries
// them is still returned, as quoted data, but flagged so a client can see it.
const PATTERNS: RegExp[] = [
  /\b(ignore|disregard|forget|override)\b[^.\n]{0,40}\b(previous|prior|above|earlier|all|system|your)\b[^.\n]{0,20}\b(instructions?|prompts?|rules|messages?|context)\b/i,
  /\byou are now\b|\bact as (an? )?(ai|assistant|system|developer)\b|\bnew instructions?\s*:/i,
  /\b(system|developer) (prompt|message)\b/i,
  /<\/?\s*(system|assistant|user|tool_call|tool_use|function_call|function_calls|invoke|antml:[a-z_]+)\b[^>]*>/i,
  /\[\/?(INST|SYS)\]|<<\/?SYS>>|<\|im_(start|end)\|>/i,
  /"(tool_calls?|function_call|tool_use)"\s*:|"name"\s*:\s*"[a-z_]+"\s*,\s*"(arguments|input|parameters)"\s*:/i,
  /\b(call|invoke|use|run|execute)\s+(the\s+)?`?(create_subscription|delete_subscription|update_subscription|test_subscription|ingest_stories)`?\b/i,
];

/** Flags a passage can carry. */
export type PassageFlag = 'instruction-like';

/** Whether stored text reads like instructions to an AI model (prompt injection). */
export function looksLikeInstructions(text: string): boolean {
  return PATTERNS.some((p) => p.test(text));
}

/** The flags for a passage's text. */
export function passageFlags(text: string): PassageFlag[] {
  return looksLikeInstructions(text) ? ['instruction-like'] : [];
}
