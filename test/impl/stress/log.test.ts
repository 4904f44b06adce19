/** The shared history log, written and read in one thread: what a worker writes is what the checker reads. */
import { describe, expect, it } from 'vitest';
import { LogWriter, logBuffer, MAX_PAIRS, readRoundLog } from '../../../impl/stress/log.js';
import { bodyCode, OP_CODE } from '../../../impl/stress/program.js';

describe('the stress log', () => {
  it('gives back every call, return, result and error as written', () => {
    const buf = logBuffer(2, 4);
    const w0 = new LogWriter(buf, 0, 4);
    const w1 = new LogWriter(buf, 1, 4);
    w0.call(0, OP_CODE.assign, 2, 7, 0);
    w1.call(0, OP_CODE.access, 2, 0, 1);
    w0.ret(0, 2);
    w1.ret(0, 3, 7, 1);
    w0.call(1, OP_CODE.range, 0, 0, 4);
    w0.pair(1, 0, 2, 7);
    w0.ret(1, 5);
    w1.call(1, OP_CODE.len, 0, 0, 6);
    w1.ret(1, 7, 1);
    w1.call(2, OP_CODE.delete, 2, 0, 8);
    w1.error(2, 'fatal', 'concurrent map writes', 9);
    w0.finish(2);
    w1.finish(3);
    expect(readRoundLog(buf, 2, 4).workers).toEqual([
      [
        { index: 0, op: { kind: 'assign', key: 2, value: 7 }, call: 0, ret: 2, result: { kind: 'none' } },
        { index: 1, op: { kind: 'range' }, call: 4, ret: 5, result: { kind: 'pairs', pairs: [[2, 7]] } },
      ],
      [
        { index: 0, op: { kind: 'access', key: 2 }, call: 1, ret: 3, result: { kind: 'value', value: 7, ok: true } },
        { index: 1, op: { kind: 'len' }, call: 6, ret: 7, result: { kind: 'len', n: 1 } },
        { index: 2, op: { kind: 'delete', key: 2 }, call: 8, error: { kind: 'fatal', message: 'concurrent map writes', at: 9 } },
      ],
    ]);
  });

  it('keeps the first MAX_PAIRS pairs of a range that yields more, so a key twice still shows', () => {
    const buf = logBuffer(1, 1);
    const w = new LogWriter(buf, 0, 1);
    w.call(0, OP_CODE.range, 0, 0, 0);
    for (let n = 0; n < MAX_PAIRS + 5; n++) w.pair(0, n, n % 2, n + 1);
    w.ret(0, 1);
    w.finish(1);
    const [op] = readRoundLog(buf, 1, 1).workers[0]!;
    expect(op?.result).toMatchObject({ kind: 'pairs' });
    expect(op?.result?.kind === 'pairs' && op.result.pairs.length).toBe(MAX_PAIRS);
  });

  it("gives back sync.Map's results and the nested calls of a Range's callback, inside the Range", () => {
    const buf = logBuffer(1, 3);
    const w = new LogWriter(buf, 0, 3);
    w.call(0, OP_CODE.loadOrStore, 1, 5, 0);
    w.ret(0, 1, 5, 0);
    w.call(1, OP_CODE.range, bodyCode('store'), 6, 2);
    w.pair(1, 0, 1, 5);
    w.nested(1, 0, 3);
    w.nested(1, 0, 4, true);
    w.pair(1, 1, 2, 9);
    w.nested(1, 1, 5);
    w.error(1, 'other', 'LockTimeoutError: sync.Map mu still locked', 6);
    w.finish(2);
    const [los, range] = readRoundLog(buf, 1, 3).workers[0]!;
    expect(los).toEqual({ index: 0, op: { kind: 'loadOrStore', key: 1, value: 5 }, call: 0, ret: 1, result: { kind: 'value', value: 5, ok: false } });
    expect(range).toMatchObject({ op: { kind: 'range', body: 'store', value: 6 }, call: 2, error: { kind: 'other', at: 6 } });
    // The second Store never returned: the Range threw from inside it.
    expect(range?.nested).toEqual([{ op: { kind: 'assign', key: 1, value: 6 }, call: 3, ret: 4 }, { op: { kind: 'assign', key: 2, value: 6 }, call: 5 }]);
  });

  it('keeps no nested calls for a Range whose callback makes none', () => {
    const buf = logBuffer(1, 1);
    const w = new LogWriter(buf, 0, 1);
    w.call(0, OP_CODE.range, bodyCode('stop'), 0, 0);
    w.pair(0, 0, 3, 4);
    w.ret(0, 1);
    w.finish(1);
    expect(readRoundLog(buf, 1, 1).workers[0]).toEqual([{ index: 0, op: { kind: 'range', body: 'stop' }, call: 0, ret: 1, result: { kind: 'pairs', pairs: [[3, 4]] } }]);
  });

  it('refuses a record past its capacity instead of writing into the next worker', () => {
    const w = new LogWriter(logBuffer(2, 2), 0, 2);
    expect(() => w.call(2, OP_CODE.len, 0, 0, 0)).toThrow(/does not fit the log's 2 records/);
  });
});
