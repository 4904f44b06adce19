/**
 * Escaping for the HTML report. Every string that reaches the page (keys, values, labels, outcome
 * names, paths) comes from the spec or the command line and is shown as written, never parsed:
 * markup goes through the `html` template, which escapes each interpolated value unless it is
 * already SafeHtml, and data for the page's script goes through jsonForScript.
 */

/** Markup that is already safe: made only by `html` (or `raw`, for text we wrote ourselves). */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = string | number | SafeHtml | undefined | null | false | readonly HtmlValue[];

const HTML_ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text safe in element content and in quoted attribute values. Control characters other than
 * tab and newline are parse errors in HTML, and a lone surrogate cannot be encoded as UTF-8: both
 * are shown as the replacement character instead.
 */
export function escapeHtml(s: string): string {
  return s
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => HTML_ENTITY[c]!);
}

/** Tagged template: literal parts are markup, interpolations are escaped (arrays joined, empty values dropped). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

function render(v: HtmlValue): string {
  if (v === undefined || v === null || v === false) return '';
  if (v instanceof SafeHtml) return v.text;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** Our own fixed markup or script text (never data): marked safe without escaping. */
export function raw(text: string): SafeHtml {
  return new SafeHtml(text);
}

/**
 * JSON to place inside <script type="application/json">. The HTML parser ends a script element at
 * the first '</script' and treats '<!--' specially whatever the type, so '<' and '>' become \u
 * escapes (JSON.parse reads them back unchanged); '&' too, so the text is also safe if it ever
 * ends up in an attribute. U+2028/U+2029 are escaped so the text stays valid if pasted into code.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A third-party script's text made safe to inline in a <script> element. '</script' inside a
 * string or regex literal would end the element early, and '<script' after a '<!--' would put the
 * parser into a state where the real end tag is not seen. '<\/' and '\x3C' mean the same as '</'
 * and '<' in every place minified code can hold them (string, template and regex literals,
 * comments), so the script runs unchanged.
 */
export function inlineScriptText(js: string): string {
  return js.replace(/<(\/?)(script)/gi, (_, slash: string, word: string) => (slash ? `<\\/${word}` : `\\x3C${word}`));
}
