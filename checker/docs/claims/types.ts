/** One claim from the field, as the checker judged it. */
export interface Claim {
  n: number;
  text: string;
  verdict: 'holds' | 'wrong' | 'partly right';
  /** The exact condition under which it holds or fails, in a sentence or two. */
  condition: string;
  /** Markdown: figures of exhaustive runs, sequential tables, witness links and diagrams. */
  evidence: string[];
}
