import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { architecturePage, firstSentence } from '../../../checker/docs/architecture-page.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('the architecture page', () => {
  const page = architecturePage(ROOT, 'diagrams/architecture.svg');

  it('lists every source file with the first sentence of its leading comment, the Promela models too', () => {
    expect(page).toContain('| `checker/explore/mailbox.ts` | How a participant of a parallel search with nothing left to do gets work from one that has plenty: a one-slot mailbox in shared memory. |');
    expect(page).toMatch(/^\| `checker\/explore\/mailbox\.pml` \| How the parallel search ends \(checker\/explore\/mailbox\.ts\), as a Promela model for SPIN: .+\. \|$/m);
    expect(page).toMatch(/^\| `checker\/explore\/shared-table\.pml` \| How the parallel search's visited set grows .+\. \|$/m);
    expect(page).not.toContain('.mjs`');
  });

  it('takes a sentence up to its first full stop, on one line, with table pipes escaped', () => {
    expect(firstSentence('/**\n * One | two.\n * Three.\n */')).toBe('One \\| two.');
    expect(firstSentence('/*\n * not a doc comment.\n */')).toBe('');
  });
});
