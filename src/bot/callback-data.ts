/**
 * Callback data codec. Telegram limits callback_data to 1-64 bytes; ours is ASCII
 * `<action>:<arg>:<arg>` with kebab-case ids and small integers, so it stays well inside.
 * Anything that does not decode (forged, stale, from an old version) yields null, never throws.
 */

export const MAX_CALLBACK_BYTES = 64;
const SAFE = /^[A-Za-z0-9_.-]*$/;

export function encodeCallback(action: string, ...args: Array<string | number>): string {
  const parts = [action, ...args.map(String)];
  for (const p of parts) {
    if (!SAFE.test(p)) throw new Error(`callback part is not safe ASCII: ${JSON.stringify(p)}`);
  }
  const data = parts.join(':');
  if (Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) {
    throw new Error(`callback data over ${MAX_CALLBACK_BYTES} bytes: ${data}`);
  }
  return data;
}

export interface DecodedCallback {
  readonly action: string;
  readonly args: readonly string[];
}

export function decodeCallback(data: unknown): DecodedCallback | null {
  if (typeof data !== 'string' || data.length === 0 || Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) {
    return null;
  }
  const parts = data.split(':');
  if (!parts.every((p) => SAFE.test(p))) return null;
  const [action, ...args] = parts;
  if (!action) return null;
  return { action, args };
}
