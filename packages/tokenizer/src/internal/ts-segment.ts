import type { Segment, SegmentInput, SegmentOutput } from '../contract.js';
import { upstreamPackage } from '@llms-wasm/module-kit';

/** The llms code segmentation is bound to. */
export const SEGMENT_BRIDGE = 'rcc-llmswitch-core@0.4.2 buildChatResponseFromResponses';
export const REASONING_DISPATCHER = 'dist/sse/shared/reasoning-dispatcher.js';

interface ChatMessage {
  content?: unknown;
  reasoning_content?: unknown;
}

interface Bridge {
  buildChatResponseFromResponses(payload: unknown): { choices: { message: ChatMessage }[] };
}

interface Dispatcher {
  dispatchReasoning(text: unknown, options?: { mode?: string; prefix?: string }): { channel?: string; appendToContent?: string };
}

/**
 * `segment` bound to llms: the think-tag sanitizing and reasoning extraction of rcc-llmswitch-core 0.4.2's
 * Responses→Chat conversion (the newest llms code for it that runs on Linux; 0.6's needs the native
 * binary), then llms 0.6.3689's `dispatchReasoning` (SSE shared code, imported by path) for the mode.
 */
export async function bindSegment(): Promise<(input: SegmentInput) => SegmentOutput> {
  const bridge = (await import('rcc-llmswitch-core')) as unknown as Bridge;
  const dispatcher = await upstreamPackage('@jsonstudio/llms', import.meta.url).importFile<Dispatcher>(REASONING_DISPATCHER);
  return (input) => {
    // A fixed id and timestamp: the conversion would otherwise read the clock for fields we do not return.
    const payload = 'text' in input
      ? { id: 'segment', object: 'response', created_at: 0, output: [], output_text: input.text }
      : { id: 'segment', object: 'response', created_at: 0, output: structuredClone(input.output) };
    const message = bridge.buildChatResponseFromResponses(payload).choices[0]?.message ?? {};
    const content = typeof message.content === 'string' ? message.content : '';
    const reasoning = typeof message.reasoning_content === 'string' ? message.reasoning_content : undefined;
    const dispatched = dispatcher.dispatchReasoning(reasoning, {
      ...(input.options?.reasoningMode === undefined ? {} : { mode: input.options.reasoningMode }),
      ...(input.options?.reasoningPrefix === undefined ? {} : { prefix: input.options.reasoningPrefix }),
    });
    const tokens: Segment[] = [];
    if (dispatched.channel !== undefined) tokens.push({ type: 'reasoning', content: dispatched.channel });
    if (dispatched.appendToContent !== undefined) tokens.push({ type: 'text', content: dispatched.appendToContent });
    if (content) tokens.push({ type: 'text', content });
    return { content, ...(reasoning === undefined ? {} : { reasoning_content: reasoning }), tokens };
  };
}
