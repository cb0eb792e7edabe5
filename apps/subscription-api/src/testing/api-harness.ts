import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Message } from 'kafkajs';
import { loadConfig, subscriptionApiSchema } from '@herald/config';
import { HeraldTopic, PayloadOf } from '@herald/contracts';
import type { OutgoingMessage } from '@herald/kafka';
import { TEST_SECRETS_KEYS } from '@herald/testing';
import { configureHttp, httpServerOptions } from '../http/configure-http';
import { MessageBus } from '../infrastructure/message-bus';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { SubscriptionApiModule, SubscriptionApiOverrides } from '../subscription-api.module';

/** Records what the API would produce, for specs that run without a broker. */
export class RecordingBus implements MessageBus {
  readonly sent: { topic: string; key: string | null; value: unknown }[] = [];

  async send<T extends HeraldTopic>(
    topic: T,
    messages: OutgoingMessage<PayloadOf<T>>[],
  ): Promise<void> {
    for (const m of messages) this.sent.push({ topic, key: m.key, value: m.value });
  }

  async sendRaw(topic: string, messages: Message[]): Promise<void> {
    for (const m of messages) {
      this.sent.push({
        topic,
        key: m.key === null || m.key === undefined ? null : m.key.toString(),
        value: m.value === null || m.value === undefined ? null : JSON.parse(m.value.toString()),
      });
    }
  }

  on(topic: string) {
    return this.sent.filter((m) => m.topic === topic);
  }
}

export interface RunningApi {
  app: NestFastifyApplication;
  url: string;
  config: SubscriptionApiConfig;
  close(): Promise<void>;
}

/** The real app (real PostgreSQL) listening on a free port. */
export async function startApi(
  env: Record<string, string>,
  overrides: SubscriptionApiOverrides = {},
  options: { logger?: LoggerService } = {},
): Promise<RunningApi> {
  const config = loadConfig(subscriptionApiSchema, {
    HERALD_LOG_LEVEL: 'error',
    HERALD_SECRETS_KEYS: TEST_SECRETS_KEYS,
    ...env,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    SubscriptionApiModule.register(config, 'test', overrides),
    new FastifyAdapter(httpServerOptions(config)),
    { logger: options.logger ?? ['error'], bodyParser: false },
  );
  configureHttp(app, 'test', config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, config, close: () => app.close() };
}

/** A parsed response body: specs read whatever fields they assert on. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON the API answers; each spec asserts its own fields
type Json = any;

/** A tiny JSON client: status, parsed body, content type. */
export function client(baseUrl: string, token?: string) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Json; contentType: string | null }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : null,
      contentType: response.headers.get('content-type'),
    };
  };
}

/** Polls a replay job (GET /v1/replays/{id}) until it has ended; its final view. */
export async function endedReplay(
  call: ReturnType<typeof client>,
  jobId: string,
  timeoutMs = 20_000,
): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await call('GET', `/v1/replays/${jobId}`)).body;
    if (job && !['queued', 'running'].includes(job.state)) return job;
    if (Date.now() > deadline) throw new Error(`replay job ${jobId} still ${job?.state}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
