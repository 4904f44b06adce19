// Preload for worker threads that run TypeScript (Node 20 has no type stripping): pass
// `execArgv: ['--import', <file URL of this file>]` to `new Worker`. The main process gets tsx
// from `tsx` or vitest; a worker starts with a fresh module loader and needs it registered again.
import { register } from 'tsx/esm/api';

register();
