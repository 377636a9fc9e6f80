// What the streaming benchmark runs, each fed a whole stream or its 64-unit chunks:
// - wasm (raw ABI): dist/streaming.wasm's decode session over module-kit's WasmHost — the canonical
//   events of every frame (JSON-parsed in JS, as a caller receives them) and the aggregate;
// - wasm (module): the same through the module (module-kit validates every event and the result);
// - llms 0.4.2 / llms 0.6 TS decoder: ResponsesSseToJsonConverter (the aggregate only);
// - eventsource-parser: framing only (the floor a JS framer reaches), and with JSON.parse of each data.
import { fileURLToPath } from 'node:url';
import { WasmHost } from '@llms-wasm/module-kit';
import { createParser } from 'eventsource-parser';
import { ResponsesSseToJsonConverter as R06 } from '@jsonstudio/llms/sse';
import { ResponsesSseToJsonConverter as R042 } from 'rcc-llmswitch-core/sse';
import { streaming } from '../../dist/index.js';

async function* iterate(chunks) {
  for (const c of chunks) yield c;
}

function llms(Ctor) {
  return {
    decodeWhole: (text) => new Ctor().convertSseToJson(iterate([text]), { requestId: 'bench', model: 'm' }),
    decodeChunks: (chunks) => new Ctor().convertSseToJson(iterate(chunks), { requestId: 'bench', model: 'm' }),
  };
}

export async function llmsDecoders() {
  return { v06: llms(R06), v042: llms(R042) };
}

async function rawWasm() {
  const host = await WasmHost.load({ name: 'streaming', wasm: fileURLToPath(new URL('../../dist/streaming.wasm', import.meta.url)) });
  const enc = new TextEncoder();
  const optsJson = enc.encode('{"protocol":"responses"}');
  const call = (op, args) => {
    const r = host.callRecord(op, op, args, true);
    if (!r.ok) throw new Error(`${op}: ${r.code} ${r.message}`);
    return r.value;
  };
  const open = () => {
    const r = host.callRaw('decode_open', optsJson);
    if (!r.ok) throw new Error(r.message);
    return r.value.session;
  };
  const run = (chunks) => {
    const s = open();
    let events = 0;
    for (const c of chunks) events += call('decode_push', [s, host.writeInput(c), c.length]).length;
    const end = call('decode_finish', [s]);
    if (end.result.status !== 'ok') throw new Error(end.result.message);
    return events + end.events.length;
  };
  return { run };
}

async function moduleWasm() {
  await streaming.init('wasm');
  return {
    run: async (chunks) => {
      const s = await streaming.runtimes.wasm.decode.open({ protocol: 'responses' });
      let events = 0;
      for (const c of chunks) events += (await s.push(c)).length;
      const end = await s.finish();
      return events + end.events.length;
    },
  };
}

function esp(parseData) {
  return (chunks) => {
    let events = 0;
    const parser = createParser({
      onEvent: (e) => {
        events++;
        if (parseData && e.data !== '[DONE]') JSON.parse(e.data);
      },
    });
    for (const c of chunks) parser.feed(c);
    return events;
  };
}

/** Each implementation: name, what it is fed (text or bytes), run(chunks) -> Promise|value. */
export async function implementations() {
  const raw = await rawWasm();
  const mod = await moduleWasm();
  const { v06, v042 } = await llmsDecoders();
  return [
    { name: 'wasm (raw ABI)', feed: 'bytes', run: raw.run },
    { name: 'wasm (module)', feed: 'bytes', run: mod.run },
    { name: 'llms 0.4.2 TS', feed: 'text', run: (chunks) => v042.decodeChunks(chunks) },
    { name: 'llms 0.6 TS', feed: 'text', run: (chunks) => v06.decodeChunks(chunks) },
    { name: 'eventsource-parser', feed: 'text', run: esp(false) },
    { name: 'esp + JSON.parse', feed: 'text', run: esp(true) },
  ];
}
