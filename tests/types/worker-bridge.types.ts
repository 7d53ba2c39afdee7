// Type test (checked by `tsc -b`, nothing runs): the page's bridge and the worker's API agree.
// Every worker call is on the bridge with the same arguments and the same answer, always as a
// promise; a progress callback is a plain function on the page's side. If someone hand-writes a
// bridge method, or the worker changes a call and the bridge does not follow, this stops compiling.
import { expectTypeOf } from 'vitest';
import type { OutboxEntry, PublishOptions, TransferProgress } from '../../shared/protocol';
import type { DeckBridge } from '../../src/worker-bridge';
import type { WorkerApi } from '../../worker/api';

/** What crosses Comlink as calls: everything but the event stream, which the bridge fans out. */
type Calls = Omit<WorkerApi, 'events'>;
type BridgeCalls = Omit<DeckBridge, 'onEvents' | 'onFailure'>;

type ArgsOf<T> = { [K in keyof T]: T[K] extends (...args: infer A) => unknown ? A : never };
type AnswersOf<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => infer R ? Awaited<R> : never;
};
type Promised<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => infer R
    ? R extends Promise<unknown>
      ? true
      : false
    : false;
};

// The same calls by name: none missing on the page, none the worker lacks.
expectTypeOf<keyof BridgeCalls>().toEqualTypeOf<keyof Calls>();
// The same arguments and the same answers, call by call.
expectTypeOf<ArgsOf<BridgeCalls>>().toEqualTypeOf<ArgsOf<Calls>>();
expectTypeOf<AnswersOf<BridgeCalls>>().toEqualTypeOf<AnswersOf<Calls>>();
// Every call answers with a promise on both sides (Comlink makes every call asynchronous, so a
// synchronous worker method would be typed as one thing and behave as another).
expectTypeOf<Promised<BridgeCalls>[keyof BridgeCalls]>().toEqualTypeOf<true>();
expectTypeOf<Promised<Calls>[keyof Calls]>().toEqualTypeOf<true>();

// Spot checks of what a hand-written bridge used to get wrong: optional trailing arguments kept,
// callbacks passed as plain functions, answers unwrapped once.
expectTypeOf<DeckBridge['publish']>().parameters.toEqualTypeOf<
  [topic: string, payload: string, options: PublishOptions, connectionId?: string]
>();
expectTypeOf<DeckBridge['exportHistory']>()
  .parameter(1)
  .toEqualTypeOf<(progress: TransferProgress) => void>();
expectTypeOf<DeckBridge['outbox']>().returns.toEqualTypeOf<Promise<OutboxEntry[]>>();
expectTypeOf<DeckBridge['onEvents']>().returns.toEqualTypeOf<() => void>();
