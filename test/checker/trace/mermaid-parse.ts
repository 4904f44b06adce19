/**
 * Test helper: validates Mermaid text with the real parser, in plain Node (no browser, no DOM).
 * `mermaid.parse` runs only the preprocessing and the diagram's grammar; for sequence diagrams
 * neither touches the DOM, so no globalThis shim is needed. (Rendering would need one; we never
 * render here.) Mermaid keeps one global parser state, so calls are serialised.
 */
import type { Mermaid } from 'mermaid';

let loaded: Promise<Mermaid> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Imported lazily: loading mermaid costs about half a second, paid only by tests that use it. */
function load(): Promise<Mermaid> {
  loaded ??= import('mermaid').then((m) => m.default);
  return loaded;
}

function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export async function mermaidParses(text: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const mermaid = await load();
  return serialised(async () => {
    try {
      await mermaid.parse(text);
      return { ok: true } as const;
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) } as const;
    }
  });
}

/**
 * The texts of all messages and notes as Mermaid will display them: parsed, then with Mermaid's
 * entity encoding undone and the resulting HTML character references decoded. Lets a test check
 * that escaping preserves what the reader sees, not only that the diagram parses.
 */
export async function mermaidDisplayedTexts(text: string): Promise<string[]> {
  const mermaid = await load();
  return serialised(async () => {
    await mermaid.parse(text); // registers the diagram types getDiagramFromText needs
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as { getMessages(): Array<{ message?: unknown }> };
    // Entries without text (the autonumber switch) carry an object here; they show nothing.
    return db.getMessages().flatMap((m) => (typeof m.message === 'string' ? [decodeDisplayed(m.message)] : []));
  });
}

/**
 * Undoes Mermaid's entity markers ('ﬂ°°59¶ß' → '&#59;'), then reads the result roughly the way a
 * browser reads HTML text, in one pass: character references decoded (the legacy ones even without
 * ';'), <br> as a line break, other tags dropped. Other named references come out as U+FFFF, so a
 * test sees that they changed.
 */
function decodeDisplayed(s: string): string {
  const html = s.replace(/\uFB02\u00B0\u00B0/g, '&#').replace(/\uFB02\u00B0/g, '&').replace(/\u00B6\u00DF/g, ';');
  return html.replace(REFERENCE_OR_TAG, (_m, dec?: string, hex?: string, legacy?: string, name?: string, tag?: string) => {
    if (dec !== undefined) return String.fromCodePoint(Math.min(Number(dec), 0x10ffff));
    if (hex !== undefined) return String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
    if (legacy !== undefined) return LEGACY[legacy.toLowerCase()]!;
    if (name !== undefined) return '\uFFFF';
    return /^br\b/i.test(tag ?? '') ? '\n' : '';
  });
}

const REFERENCE_OR_TAG = /&#(\d+);|&#x([0-9a-f]+);|&(lt|gt|amp|quot|LT|GT|AMP|QUOT);?|&(\w+);|<(\/?[a-z][^>]*)>/gi;
const LEGACY: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };
