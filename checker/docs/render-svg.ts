import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../cli/errors.js';

/** Chromium flags for a headless render on a CI machine: no sandbox, no network side traffic. */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-setuid-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
];

/** Debian's Chromium (never a downloaded one: .puppeteerrc.json skips the download). */
export function findChromium(): string {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new UsageError('chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH)');
  }
}

/**
 * Renders every .mmd to an .svg beside it in ONE browser session: mermaid-cli takes a Markdown
 * file with all diagrams as mermaid blocks and writes one SVG per block, in order.
 */
export function renderSvgs(mmdFiles: string[], mmdc: string): void {
  if (mmdFiles.length === 0) return;
  const work = mkdtempSync(join(tmpdir(), 'gomapcheck-svg-'));
  try {
    const config = join(work, 'puppeteer.json');
    writeFileSync(config, JSON.stringify({ executablePath: findChromium(), args: CHROMIUM_ARGS }));
    const blocks = mmdFiles.map((f) => `\`\`\`mermaid\n${readFileSync(f, 'utf8').trimEnd()}\n\`\`\`\n`);
    writeFileSync(join(work, 'in.md'), `# diagrams\n\n${blocks.join('\n')}`);
    execFileSync(mmdc, ['-p', config, '-i', join(work, 'in.md'), '-o', join(work, 'out.md')], { stdio: ['ignore', 'ignore', 'pipe'] });
    mmdFiles.forEach((f, i) => renameSync(join(work, `out-${i + 1}.svg`), f.replace(/\.mmd$/, '.svg')));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
