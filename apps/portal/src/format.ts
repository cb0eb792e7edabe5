import type { Schemas } from './api/client';

type Subscription = Schemas['Subscription'];

/** A subscription's state as a person reads it: active, paused until when, disabled and why. */
export function stateLabel(
  s: Subscription,
  formatTime: (iso: string) => string = localTime,
): string {
  const state = s.status?.state ?? s.state ?? (s.active === false ? 'inactive' : 'active');
  const reason = s.status?.reason ?? s.stateReason ?? null;
  switch (state) {
    case 'paused':
      return s.pausedUntil ? `paused until ${formatTime(s.pausedUntil)}` : 'paused';
    case 'disabled':
      return reason ? `disabled: ${reason}` : 'disabled';
    case 'inactive':
      return 'inactive';
    default:
      return 'active';
  }
}

export function stateOf(s: Subscription): 'active' | 'paused' | 'disabled' | 'inactive' {
  return s.status?.state ?? s.state ?? (s.active === false ? 'inactive' : 'active');
}

/** 0.975 → "97.5 %"; no deliveries yet → "no deliveries". */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return 'no deliveries';
  const value = Math.round(rate * 1000) / 10;
  return `${value} %`;
}

export function localTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A `datetime-local` input's value (local time) as an ISO instant; empty stays undefined. */
export function isoFromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An ISO instant as a `datetime-local` input's value, in local time. */
export function localInputFromIso(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
