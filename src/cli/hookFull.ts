/**
 * The edit hook's cold path in its own bundle (dist/hookFull.js): builds the
 * per-workspace digest from the records and git. dist/hook.js loads it only
 * when the digest is missing or stale, so a warm hook never compiles the
 * records' parser (zod, yaml).
 */
export { buildHookDigest } from '../node/agentHook';
