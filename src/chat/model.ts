import OpenAI from 'openai';
import type { Config } from '../config.js';

/** The configured chat model, or null when none is configured (offline mode). */
export function createChatModel(cfg: Config['chat']): { openai: OpenAI; model: string } | null {
  if (!cfg.model) return null;
  const openai = new OpenAI({
    // Local servers (Ollama, vLLM, LM Studio) take any key.
    apiKey: cfg.apiKey ?? 'not-needed',
    ...(cfg.baseUrl ? { baseURL: cfg.baseUrl } : {}),
    maxRetries: cfg.maxRetries,
    timeout: cfg.timeoutMs,
  });
  return { openai, model: cfg.model };
}

export const OFFLINE_NOTE =
  'Offline mode: no chat model is configured (set STORYLINE_CHAT_MODEL, and OPENAI_BASE_URL / OPENAI_API_KEY for your endpoint). ' +
  'Each question gets the extractive cited answer of `storyline ask`.';
