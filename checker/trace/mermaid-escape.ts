/**
 * Makes any string safe as the text of a Mermaid sequence-diagram message, note or participant
 * alias, and displayed as written. Mermaid reads text up to the first '#', ';' or newline, scans
 * the whole document for '%%{...}%%' directives before parsing, and renders text as HTML; its
 * entity codes ('#59;' → ';') are decoded only at render time, so every character with a meaning
 * to any of those stages is replaced by its decimal code.
 */
const ENTITY: Readonly<Record<string, string>> = {
  '#': '#35;', // starts a comment and every entity code
  ';': '#59;', // ends a statement
  ':': '#58;', // 'wrap:'/'nowrap:' prefixes, and the 'style ...:#...;' rewrite Mermaid applies first
  '%': '#37;', // '%%{init}%%' and '%%{wrap}%%' directives, which Mermaid strips even mid-message
  '<': '#60;', // HTML tags such as <br>; also breaks '-->>' inside text
  '>': '#62;',
  '&': '#38;', // HTML entities of the text itself ('&lt;')
  '"': '#34;', // quoting inside tags, which Mermaid rewrites (moot while '<' is escaped)
  '{': '#123;', // directive braces (either this or '%' defeats a directive; both are cheap), '@{...}'
  '}': '#125;',
  '\uFB02': '#64258;', // 'ﬂ' and '¶' are Mermaid's internal markers for encoded entities
  '\u00B6': '#182;',
};

const SPECIAL = /[#;:%<>&"{}\uFB02\u00B6]/g;
/** Line breaks end a statement; other control characters have no business in a label. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
/** A lone UTF-16 surrogate cannot be written as UTF-8; show it as the replacement character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeMermaidText(s: string): string {
  return s
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(CONTROL, ' ')
    .replace(SPECIAL, (c) => ENTITY[c]!);
}
