import 'reflect-metadata';
import {
  ArgumentsHost,
  Catch,
  Controller,
  ExceptionFilter,
  UseFilters,
  applyDecorators,
} from '@nestjs/common';
import {
  CustomTransportStrategy,
  EventPattern,
  MessageHandler,
  Server,
} from '@nestjs/microservices';
import { Message } from 'kafkajs';
import { Observable, isObservable, lastValueFrom, throwError } from 'rxjs';
import {
  HeraldTopic,
  InvalidReason,
  PayloadOf,
  Validated,
  decodeJson,
  describeIssues,
} from '@herald/contracts';
import {
  BatchContext,
  ConsumedMessage,
  ConsumerDeclaration,
  ConsumerRunner,
  HandlerDeclarationError,
  Poison,
  TopicHandler,
} from './consumer-runner';
import { invalidMessage } from './poison-messages';

const PATTERN_METADATA = 'microservices:pattern';
const PATTERN_HANDLER_METADATA = 'microservices:handler_type';
const EVENT_HANDLER = 2; // PatternHandler.EVENT

/** A decoded, validated message of topic T, with its Kafka metadata (raw bytes included). */
export interface Decoded<V> {
  value: V;
  message: ConsumedMessage;
}

/** One partition's batch as a handler of topic T sees it. */
export interface KafkaBatch<V> {
  topic: string;
  partition: number;
  /** The valid messages, in offset order. */
  messages: Decoded<V>[];
  /** Messages of this batch forwarded to herald.events.invalid before the handler was called. */
  invalid: number;
}

export type DecodeResult<V> =
  { ok: true; value: V } | { ok: false; code: InvalidReason; detail: string };

/** How the messages of one topic (pattern) become the values its handler receives. */
export interface TopicCodec<V> {
  decode(message: ConsumedMessage): DecodeResult<V>;
}

/** A codec from a contracts validator: JSON, then the validator; failures are `invalid_envelope`. */
export function jsonCodec<T extends HeraldTopic>(
  _topic: T,
  validate: (input: unknown) => Validated<PayloadOf<T>>,
): TopicCodec<PayloadOf<T>> {
  return {
    decode(message) {
      const decoded = decodeJson(message.value, validate);
      return decoded.ok
        ? decoded
        : { ok: false, code: 'invalid_envelope', detail: describeIssues(decoded.issues) };
    },
  };
}

const AS_RECEIVED: TopicCodec<ConsumedMessage> = {
  decode: (message) => ({ ok: true, value: message }),
};

/**
 * The message as it came, for topics whose use-case owns the reading: inbound CloudEvents
 * (structured or binary mode, rejections recorded in the same transaction as the publish) and
 * the retry ladder (forwarded byte for byte, only headers read).
 */
export function asReceived(): TopicCodec<ConsumedMessage> {
  return AS_RECEIVED;
}

/**
 * What a service declares for each of its patterns: the codec, how to quarantine a message the
 * runner proved unprocessable, and how to forward undecodable ones (one shared shape:
 * `invalidMessage`).
 */
export interface TopicBinding {
  codec: TopicCodec<unknown>;
  /** Topics the pattern's handler also owns (configured domain topics of event-ingest). */
  alsoOwns?: readonly (string | RegExp)[];
  quarantine(message: ConsumedMessage, poison: Poison): Promise<void>;
  /** Required unless the codec is `asReceived()`, which rejects nothing. */
  forwardInvalid?(messages: Message[]): Promise<void>;
  onRebalance?(): void;
}

export interface KafkaTransportOptions extends Omit<ConsumerDeclaration, 'handlers'> {
  /** Per `@EventPattern` pattern: its codec and where its bad messages go. */
  bindings: Record<string, TopicBinding>;
}

/**
 * A class of Kafka batch handlers: a Nest controller whose errors reach the transport as they
 * were thrown (Nest's RPC filter would turn them into `Internal server error`), so the runner can
 * classify them (transient, permanent, unknown) as before.
 */
export function KafkaConsumers(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(new RethrowToTransport()));
}

/** `@KafkaBatchHandler(TOPICS.events)`: the batch handler of a topic (`herald.retry.*`: a prefix). */
export function KafkaBatchHandler(pattern: HeraldTopic | `${string}*`): MethodDecorator {
  return EventPattern(pattern);
}

@Catch()
class RethrowToTransport implements ExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** `herald.retry.*` → /^herald\.retry\..*$/; a plain name matches itself only. */
function patternToTopics(pattern: string): string | RegExp {
  if (!pattern.endsWith('*')) return pattern;
  const prefix = pattern.slice(0, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${prefix}`);
}

/**
 * Herald's consumer engine (batches, pause/resume for due times, explicit commits, rewind and
 * back-off: `ConsumerRunner`) as a Nest custom transport. Handlers are `@KafkaBatchHandler`
 * methods (`@EventPattern` underneath), registered by Nest in an app or by `bind` in a runtime
 * without one; each is called once per batch with decoded, validated payloads. Start-up refuses
 * a pattern with no handler or two, a handler with no binding, a topic two patterns claim, and
 * a declared topic that does not exist.
 */
export class HeraldKafkaTransport extends Server implements CustomTransportStrategy {
  private runner: ConsumerRunner | undefined;

  constructor(private readonly options: KafkaTransportOptions) {
    super();
  }

  get isRunning(): boolean {
    return this.runner?.isRunning ?? false;
  }

  /** Registers the `@KafkaBatchHandler` methods of an instance (what Nest does for controllers). */
  bind(instance: object): this {
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      // A getter is read from its descriptor, never called on the prototype (it is no handler).
      const method: unknown = Object.getOwnPropertyDescriptor(prototype, name)?.value;
      if (typeof method !== 'function' || name === 'constructor') continue;
      if (Reflect.getMetadata(PATTERN_HANDLER_METADATA, method) !== EVENT_HANDLER) continue;
      const patterns = Reflect.getMetadata(PATTERN_METADATA, method) as string[];
      for (const pattern of patterns)
        this.addHandler(pattern, method.bind(instance) as MessageHandler, true);
    }
    return this;
  }

  /** `listen` as a promise, for a runtime that starts the transport itself. */
  start(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.listen((error) => (error ? reject(error as Error) : resolve())),
    );
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const handlers = await this.assignTopics(this.topicHandlers());
      this.runner = new ConsumerRunner({ ...this.options, handlers });
      await this.runner.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Drains: the runner stops fetching and leaves the group. */
  async close(): Promise<void> {
    await this.runner?.stop();
  }

  on(): never {
    throw new Error('HeraldKafkaTransport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.runner as T;
  }

  private topicHandlers(): TopicHandler[] {
    const problems: string[] = [];
    const handlers: TopicHandler[] = [];
    for (const [pattern, handler] of this.getHandlers()) {
      if (handler.next) problems.push(`pattern ${pattern} has more than one handler`);
      const binding = this.options.bindings[pattern];
      if (!binding) {
        problems.push(`pattern ${pattern} has a handler but no binding (codec, quarantine)`);
        continue;
      }
      if (!binding.forwardInvalid && binding.codec !== AS_RECEIVED)
        problems.push(`pattern ${pattern} decodes but has nowhere to forward invalid messages`);
      handlers.push(this.topicHandler(pattern, handler, binding));
    }
    for (const pattern of Object.keys(this.options.bindings))
      if (!this.getHandlers().has(pattern)) problems.push(`pattern ${pattern} has no handler`);
    if (problems.length > 0)
      throw new HandlerDeclarationError(`consumer declaration refused: ${problems.join('; ')}`);
    return handlers;
  }

  /** Each existing topic the patterns (and `alsoOwns`) claim, with its one handler. */
  private async assignTopics(handlers: TopicHandler[]): Promise<Map<string, TopicHandler>> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    const existing = await admin.listTopics().finally(() => admin.disconnect());
    const assignment = new Map<string, TopicHandler>();
    const problems: string[] = [];
    for (const topic of existing) {
      const owners = handlers.filter((h) =>
        h.topics.some((t) => (typeof t === 'string' ? t === topic : t.test(topic))),
      );
      if (owners.length > 1)
        problems.push(
          `topic ${topic} has ${owners.length} handlers (${owners.map((h) => h.name).join(', ')})`,
        );
      else if (owners.length === 1) assignment.set(topic, owners[0]);
    }
    for (const handler of handlers)
      for (const t of handler.topics)
        if (typeof t === 'string' && !existing.includes(t))
          problems.push(`pattern ${handler.name} declares topic ${t}, which does not exist`);
    if (problems.length > 0)
      throw new HandlerDeclarationError(`consumer declaration refused: ${problems.join('; ')}`);
    return assignment;
  }

  private topicHandler(
    pattern: string,
    handler: MessageHandler,
    binding: TopicBinding,
  ): TopicHandler {
    const { codec } = binding;
    return {
      name: pattern,
      topics: [patternToTopics(pattern), ...(binding.alsoOwns ?? [])],
      quarantine: (message, poison) => binding.quarantine(message, poison),
      onRebalance: binding.onRebalance && (() => binding.onRebalance?.()),
      async handleBatch(messages: ConsumedMessage[], context: BatchContext): Promise<void> {
        const valid: Decoded<unknown>[] = [];
        let invalid: Message[] | undefined;
        for (const message of messages) {
          const decoded = codec.decode(message);
          if (decoded.ok) valid.push({ value: decoded.value, message });
          else (invalid ??= []).push(invalidMessage(message, decoded.code, decoded.detail));
        }
        // Only asReceived() has no forwardInvalid (refused at listen otherwise), and it rejects nothing.
        if (invalid) await binding.forwardInvalid?.(invalid);
        const batch: KafkaBatch<unknown> = {
          topic: context.topic,
          partition: context.partition,
          messages: valid,
          invalid: invalid?.length ?? 0,
        };
        // Every message valid (the usual batch): the handler gets the runner's context as it is.
        if (!invalid) {
          if (valid.length > 0) await invoke(handler, batch, context);
          return;
        }
        let handled = true;
        if (valid.length > 0) {
          let last: bigint | undefined;
          const tracked: BatchContext = {
            ...context,
            resolveOffset: (offset) => {
              last = BigInt(offset);
              context.resolveOffset(offset);
            },
          };
          await invoke(handler, batch, tracked);
          handled = last !== undefined && last >= BigInt(valid[valid.length - 1].message.offset);
        }
        // Undecodable messages after the last valid one: forwarded, so finished here.
        const tail = messages[messages.length - 1];
        if (handled && tail && context.isActive()) context.resolveOffset(tail.offset);
      },
    };
  }
}

/** Calls a Nest message handler with one batch, whether it returns a promise or an observable. */
async function invoke(
  handler: MessageHandler,
  batch: KafkaBatch<unknown>,
  context: BatchContext,
): Promise<void> {
  const result = (await handler(batch, context)) as unknown;
  if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
}

export type { BatchContext };
