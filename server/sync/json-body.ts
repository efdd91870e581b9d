// Request bodies are read as text and checked for nesting before JSON.parse sees them. V8 parses
// `[[[[…]]]]` 100,000 deep without complaint, but everything after it recurses (zod, JSON.stringify
// when the change is stored, every device's merge after a pull) and overflows the stack: a 500 on
// the server, or a device that can no longer sync. Nothing in the protocol needs more than a few
// levels, so anything deeper is refused up front, in one linear pass.

/** The deepest nesting of objects and arrays a request may have (a push needs about 8). */
export const MAX_JSON_DEPTH = 64;

/** Whether `text`'s arrays and objects nest deeper than `maxDepth`; strings are skipped. */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c /* \ */) i++;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      if (++depth > maxDepth) return true;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

/** The body as JSON, or undefined when it is not JSON or nests too deep. */
export function parseJsonBody(
  text: string,
  maxDepth = MAX_JSON_DEPTH,
): { ok: true; value: unknown } | { ok: false } {
  if (nestsDeeperThan(text, maxDepth)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
