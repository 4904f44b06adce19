/** The spec tests' extra configurations live in spec/wide-configs.ts (the liveness tool watches them too). */
export { COLLIDE, GO_MANY } from '../../spec/wide-configs.js';
