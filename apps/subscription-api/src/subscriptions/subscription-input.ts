import {
  CanaryPolicy,
  DisablePolicy,
  EventAction,
  PayloadFormat,
  SuccessRule,
} from '@herald/contracts';
import { SigningInput } from './signing-options';
import { CredentialInput, TlsInput } from './delivery-auth-input';

/** The body of POST /v1/subscriptions (already checked against its JSON Schema). */
export interface SubscriptionInput {
  url: string;
  description?: string | null;
  eventTypes: string[];
  entityType?: string | null;
  entityId?: string | null;
  actions?: EventAction[];
  triggers?: string[];
  condition?: Record<string, unknown> | null;
  active?: boolean;
  payloadFormat?: PayloadFormat;
  payloadTemplate?: string | null;
  /** A named payload format of the tenant (`/v1/payload-formats`); null leaves it. */
  payloadFormatName?: string | null;
  contentType?: 'json' | 'form';
  headers?: Record<string, string>;
  timeoutMs?: number;
  successRule?: Partial<SuccessRule>;
  retryPolicy?: { preset?: string; delays?: string[]; maxAttempts?: number };
  disablePolicy?: Partial<DisablePolicy>;
  canary?: Partial<CanaryPolicy>;
  signing?: SigningInput;
  rateLimitPerSecond?: number | null;
  maxConcurrency?: number;
  metadata?: Record<string, string>;
  /** Replaced whole when given; null removes it. */
  credential?: CredentialInput | null;
  tls?: TlsInput | null;
}

/** The body of PATCH /v1/subscriptions/{id}: any field of the input. */
export type SubscriptionPatch = Partial<SubscriptionInput>;
