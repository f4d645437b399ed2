/**
 * Parses JSON the way real storefront JSON-LD needs: tolerates HTML comment and CDATA
 * wrappers, // and block comments, raw control characters, trailing commas and junk after the
 * value (stray braces). Returns undefined when nothing usable parses. Never throws.
 */
export function parseLenientJson(text: string): unknown {
  try { return JSON.parse(text); } catch { /* fall through to repair */ }
  const cleaned = clean(text.replace(/<!--|-->|<!\[CDATA\[|\]\]>/g, ' '));
  try { return JSON.parse(cleaned); } catch { /* try the first balanced value */ }
  const end = firstValueEnd(cleaned);
  try { return end > 0 ? JSON.parse(cleaned.slice(0, end)) : undefined; } catch { return undefined; }
}

// One string-aware pass: drop comments and trailing commas outside strings, and turn raw
// control characters (invalid in JSON strings) into spaces.
function clean(s: string): string {
  let out = '';
  for (let i = 0, inStr = false; i < s.length; i++) {
    const c = s[i]!;
    if (c < ' ') { out += ' '; continue; }
    if (inStr) {
      out += c;
      if (c === '\\') out += s[++i] ?? '';
      else if (c === '"') inStr = false;
    } else if (c === '/' && s[i + 1] === '/') {
      while (i < s.length && s[i] !== '\n') i++;
    } else if (c === '/' && s[i + 1] === '*') {
      i = s.indexOf('*/', i + 2);
      if (i < 0) break;
      i++;
    } else if (c === ',' && /^[\s,]*[}\]]/.test(s.slice(i + 1, i + 64))) {
      // trailing comma: skip it
    } else {
      out += c;
      inStr = c === '"';
    }
  }
  return out;
}

// Index just past the first complete top-level object/array, or -1.
function firstValueEnd(s: string): number {
  let depth = 0;
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inStr) { if (c === '\\') i++; else if (c === '"') inStr = false; continue; }
    if (c === '"') inStr = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return -1;
}
