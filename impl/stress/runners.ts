/**
 * How a stress worker runs one operation of its program on each kind of map, logging its call,
 * its results and its return at positions of the shared clock (`tick`). The return's position is
 * always taken after the operation ran. Each throws what the map throws; the worker logs it.
 */
import type { MapApi } from '../guarded/base.js';
import type { SharedSyncMap } from '../syncmap/map.js';
import type { LogWriter } from './log.js';
import { bodyOf, OP_CODE } from './program.js';

/** Runs operation i: [code, key, value] of the program. */
export type OpRunner = (i: number, code: number, key: number, value: number) => void;

/** The plain map's operations, on the plain map or a guarded one. */
export function mapRunner(map: MapApi, log: LogWriter, tick: () => number): OpRunner {
  return (i, code, key, value) => {
    log.call(i, code, key, value, tick());
    switch (code) {
      case OP_CODE.assign:
        map.assign(key, value);
        return log.ret(i, tick());
      case OP_CODE.access: {
        const r = map.access(key);
        return log.ret(i, tick(), r.value, r.ok ? 1 : 0);
      }
      case OP_CODE.delete:
        map.delete(key);
        return log.ret(i, tick());
      case OP_CODE.range: {
        let n = 0;
        for (const [k, v] of map.range()) log.pair(i, n++, k, v);
        return log.ret(i, tick());
      }
      case OP_CODE.clear:
        map.clear();
        return log.ret(i, tick());
      case OP_CODE.len: {
        // Not log.ret(i, tick(), map.len()): arguments run in order, and the return must follow the work.
        const n = map.len();
        return log.ret(i, tick(), n);
      }
      default:
        throw new Error(`the plain map has no operation with code ${code}`);
    }
  };
}

/**
 * sync.Map's operations. A Range's callback body (in the key word, see program.ts) makes its
 * nested Delete or Store for each pair as an operation of its own: its call and return take
 * clock positions too, inside the Range's, as the verifier needs them (spec/types.ts RangeBody).
 */
export function syncRunner(map: SharedSyncMap, log: LogWriter, tick: () => number): OpRunner {
  return (i, code, key, value) => {
    log.call(i, code, key, value, tick());
    switch (code) {
      case OP_CODE.assign:
        map.store(key, value);
        return log.ret(i, tick());
      case OP_CODE.access: {
        const r = map.load(key);
        return log.ret(i, tick(), r.value, r.ok ? 1 : 0);
      }
      case OP_CODE.loadOrStore: {
        const r = map.loadOrStore(key, value);
        return log.ret(i, tick(), r.actual, r.loaded ? 1 : 0);
      }
      case OP_CODE.loadAndDelete: {
        const r = map.loadAndDelete(key);
        return log.ret(i, tick(), r.value, r.ok ? 1 : 0);
      }
      case OP_CODE.delete:
        map.delete(key);
        return log.ret(i, tick());
      case OP_CODE.range: {
        const body = bodyOf(key);
        let n = 0;
        map.range((k, v) => {
          const nth = n++;
          log.pair(i, nth, k, v);
          if (body === 'stop') return false;
          if (body === 'delete' || body === 'store') {
            log.nested(i, nth, tick());
            if (body === 'delete') map.delete(k);
            else map.store(k, value);
            log.nested(i, nth, tick(), true);
          }
          return true;
        });
        return log.ret(i, tick());
      }
      default:
        throw new Error(`sync.Map has no operation with code ${code} (clear and len are the plain map's)`);
    }
  };
}
