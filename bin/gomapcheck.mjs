#!/usr/bin/env node
// The `gomapcheck` command: runs checker/cli/main.ts under tsx with the flags below. `npm run
// check` runs this file too, so `npx gomapcheck ARGS` and `npm run check -- ARGS` are the same.
// Plain JavaScript, because this file must run before anything can compile TypeScript.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Relative to this file, not the working directory: the command runs from anywhere, both from
// the repository and from an installed package (where it lives in node_modules/gomapcheck/bin).
const main = fileURLToPath(new URL('../checker/cli/main.ts', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write(`gomapcheck: cannot find ${main}; this copy of gomapcheck is incomplete, reinstall it\n`);
  process.exit(3);
}

// tsx's loader resolved from here, as an absolute URL: a bare '--import tsx' would be resolved
// from the user's working directory, which need not have tsx installed. createRequire rather
// than import.meta.resolve, which Node 20 before 20.6 keeps behind a flag. Without it (a clone
// whose dependencies were never installed) Node would print a stack trace; say what to do instead.
function tsxLoader() {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    const home = fileURLToPath(new URL('..', import.meta.url));
    process.stderr.write(`gomapcheck: cannot find tsx, which runs its TypeScript; install the dependencies first (npm ci in ${home})\n`);
    process.exit(3);
  }
}

// --expose-gc: a run over several targets collects one target's search before the next starts
// (checker/cli/main.ts), so its peak memory is the largest target's, not their sum.
// --single-threaded-gc: the parallel search keeps every core busy, and V8's collector helper
// threads then only take time from it (the main job 1 min 20-23 s without, 1 min 12-15 s with, on
// two cores; a one-thread search 2-3 % slower). V8 takes it only at start.
// --max-old-space-size: V8's own limit (about 4 GiB here) is what ends the largest runs, not the
// machine's memory: the exhaustive plain map at depth 3 with two keys ran out of heap in its
// witness search at 4 GiB with 24 GiB installed. Three quarters of the memory leaves the rest
// to the system and the worker threads' own heaps.
const heapMiB = Math.max(2048, Math.floor((totalmem() / 2 ** 20) * 0.75));
const child = spawn(process.execPath, ['--expose-gc', '--single-threaded-gc', `--max-old-space-size=${heapMiB}`, '--import', tsxLoader(), main, ...process.argv.slice(2)], {
  stdio: 'inherit',
});

// Ctrl-C already reaches the child (same process group), so the launcher only has to outlive it;
// SIGTERM and SIGHUP are usually sent to this process alone, so pass them on.
const relays = {
  SIGINT: () => {},
  SIGTERM: () => child.kill('SIGTERM'),
  SIGHUP: () => child.kill('SIGHUP'),
};
for (const [signal, relay] of Object.entries(relays)) process.on(signal, relay);

child.on('error', (err) => {
  process.stderr.write(`gomapcheck: could not start ${process.execPath}: ${err.message}\n`);
  process.exit(3);
});

child.on('exit', (code, signal) => {
  if (signal !== null) {
    // End the way the child did, so shells and CI see "killed by SIGINT", not an exit code.
    for (const [sig, relay] of Object.entries(relays)) process.off(sig, relay);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
