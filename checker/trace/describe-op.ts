/**
 * The Go-like text of operations, results and scenarios. It lives in spec/describe.ts because the
 * spec writes it into every StepInfo.op; the trace tools use the very same functions, so a
 * diagram's call notes always match the steps' op text.
 */
export { describeOp, describeResult, describeScenario, dialectOf } from '../../spec/describe.js';
