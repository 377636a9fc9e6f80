// A streamed Responses function call, assembled by llms 0.6's Responses stream builder: the module
// turns the raw pieces back into the events the builder consumes and reads the call it builds.
import type { RawStreamedCall } from '../contract-calls.js';
import type { LlmsFunctions } from './llms-functions.js';

/** What the builder produced for one streamed call: its `call_id`, `name` and `arguments`, or null (no completed call). */
export interface AssembledCall {
  readonly callId: unknown;
  readonly name: unknown;
  readonly arguments: unknown;
}

export function bindAssemble(llms: LlmsFunctions): (raw: RawStreamedCall) => AssembledCall | null {
  return (raw) => {
    const builder = llms.createResponseBuilder();
    let sequenceNumber = 0;
    const send = (type: string, data: unknown): void => {
      builder.processEvent({ type, sequenceNumber: sequenceNumber++, timestamp: 0, data });
    };
    const itemId = raw.itemAdded.id;
    send('response.output_item.added', { output_index: 0, item: raw.itemAdded });
    for (const delta of raw.argumentDeltas) send('response.function_call_arguments.delta', { output_index: 0, item_id: itemId, delta });
    if (raw.argumentsDone !== undefined) send('response.function_call_arguments.done', { output_index: 0, item_id: itemId, arguments: raw.argumentsDone });
    if (raw.itemDone !== undefined) send('response.output_item.done', { output_index: 0, item: raw.itemDone });
    const result = builder.getResult();
    const output = result.success ? result.response?.output : undefined;
    const item = Array.isArray(output) ? (output as Record<string, unknown>[]).find((entry) => entry['type'] === 'function_call') : undefined;
    return item === undefined ? null : { callId: item['call_id'], name: item['name'], arguments: item['arguments'] };
  };
}
