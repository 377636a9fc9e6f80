// Call ids: every prefix style llms knows, every character class, lengths on both sides of 64.
import { fc } from '@fast-check/vitest';
import { freeText, spaceChar, ws } from './text.js';

const prefix = fc.constantFrom('', 'fc_', 'fc-', 'FC_', 'Fc-', 'fc', 'fcx', 'call_', 'call-', 'CALL_', 'Call-', 'call', 'callx', 'toolu_', 'fc_fc_', 'call_fc_', 'function_call_', 'reasoning_choice_1_');
const core = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
  fc.constantFrom('a.b/c', '-8042287123835108086', 'shell_command_163', 'abc def', '中文', '👍', 'x y\tz', '__', '--', '.', '/'),
  fc.integer({ min: 55, max: 135 }).chain((n) => fc.string({ unit: fc.constantFrom('a', 'Z', '9', '_', '-', '.', ' '), minLength: n, maxLength: n })),
);

/**
 * A call id string that has content (so normalizeCallId never takes its random branch). llms trims
 * the id first (`String.prototype.trim`), so an id made only of whitespace (prefix `''` and a core such
 * as `'\t'`) is absent to it: such ids are drawn by `blankCallId` instead.
 */
export const presentCallId: fc.Arbitrary<string> = fc
  .tuple(ws, prefix, core, ws)
  .map((p) => p.join(''))
  .filter((id) => id.trim() !== '');

/** Ids made only of `\s`-like characters: blank to llms (random id) unless one is U+0085, U+180E or U+200B, which trim keeps. */
const blankCallId: fc.Arbitrary<string> = fc.array(spaceChar, { minLength: 1, maxLength: 3 }).map((a) => a.join(''));

/** Anything a provider may put where an id belongs. */
export const anyCallId: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: presentCallId },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\u00a0', null, 0, 7, true, false, [], {}) },
  { weight: 1, arbitrary: blankCallId },
  { weight: 1, arbitrary: freeText },
);

/** `normalizeCallId` inputs that do not reach the random fallback (callId or fallback has content). */
export const deterministicIdInput = fc
  .tuple(fc.oneof(anyCallId, presentCallId), fc.option(fc.oneof(anyCallId, presentCallId), { nil: undefined }), fc.option(fc.constantFrom('call' as const, 'output' as const), { nil: undefined }))
  .filter(([callId, fallback]) => (typeof callId === 'string' && callId.trim() !== '') || (typeof fallback === 'string' && fallback.trim() !== ''))
  .map(([callId, fallback, kind]) => ({ callId, ...(fallback === undefined ? {} : { fallback }), ...(kind === undefined ? {} : { kind }) }));
