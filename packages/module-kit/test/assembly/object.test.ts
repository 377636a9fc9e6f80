// JsonObject's set/delete/get/keys against a plain JavaScript object (own-property order rules).
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { propertyKey } from './arbitraries.js';
import { type Harness, fcParams, fromUtf8, loadHarness, utf8 } from './host.js';

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

const params = fcParams();

type Op = ['set', string, unknown] | ['delete', string] | ['get', string] | ['keys'];

const smallKey = fc.oneof(propertyKey, fc.nat({ max: 12 }).map(String), fc.constantFrom('a', 'b', 'c', 'd'));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constant('set' as const), smallKey, fc.jsonValue({ maxDepth: 1 })) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('delete' as const), smallKey) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('get' as const), smallKey) },
  { weight: 1, arbitrary: fc.constant(['keys'] as ['keys']) },
);

/** What JavaScript does with the same operations on an object without a prototype. */
function model(ops: Op[]): string {
  const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const seen: unknown[] = [];
  for (const x of ops) {
    if (x[0] === 'set') {
      o[x[1]] = x[2];
      seen.push(Object.keys(o).length);
    } else if (x[0] === 'delete') {
      seen.push(Object.hasOwn(o, x[1]));
      delete o[x[1]];
    } else if (x[0] === 'get') {
      seen.push(Object.hasOwn(o, x[1]) ? o[x[1]] : '<missing>');
    } else {
      seen.push(Object.keys(o));
    }
  }
  seen.push(o);
  return JSON.stringify(seen);
}

function run(ops: Op[]): string {
  const rec = h.callBytes('objectOps', utf8(JSON.stringify(ops)));
  expect(rec.status).toBe(0);
  return fromUtf8(rec.bytes);
}

describe('JsonObject keeps JavaScript property order', () => {
  test.prop([fc.array(op, { maxLength: 60 })], params)('set / delete / get / keys', (ops) => {
    expect(run(ops)).toBe(model(ops));
  });

  it('array-index keys: canonical 0..2^32-2 first, ascending; the rest in insertion order', () => {
    const keys = ['b', '4294967295', '4294967294', '10', '01', '-0', '2', '1.0', '', '0', 'a', '1e1', '9007199254740993', '__proto__'];
    const ops: Op[] = keys.map((k, i) => ['set', k, i]);
    ops.push(['keys'], ['delete', '10'], ['delete', 'b'], ['set', 'b', 'again'], ['set', '10', 'again'], ['keys']);
    expect(run(ops)).toBe(model(ops));
  });

  it('typed getters and the value helpers', () => {
    expect((h.exports['valueHelpersSmoke'] as () => number)()).toBe(1);
    const rec = (h.exports['apiSmoke'] as () => number)();
    const view = new DataView(h.exports.memory.buffer);
    const text = fromUtf8(new Uint8Array(h.exports.memory.buffer, rec + 8, view.getUint32(rec + 4, true)).slice());
    h.exports.free(rec);
    expect(text).toBe('[3,false,true,false,{"7":"seven","x":[1,false,null]},7,-1,13,true,false,6,true,"1e+21 null"]');
  });

  it('large objects switch to hashed lookups and stay ordered through deletes', () => {
    const ops: Op[] = [];
    for (let i = 0; i < 300; i++) ops.push(['set', i % 3 === 0 ? String(299 - i) : `k${i}`, i]);
    for (let i = 0; i < 300; i += 2) ops.push(['delete', i % 3 === 0 ? String(299 - i) : `k${i}`]);
    for (let i = 0; i < 50; i++) ops.push(['get', `k${i}`], ['set', `k${i}`, -i]);
    ops.push(['keys']);
    expect(run(ops)).toBe(model(ops));
  });
});
