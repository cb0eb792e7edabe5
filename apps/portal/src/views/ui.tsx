import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads `load()` now and whenever `deps` change; a later answer replaces an earlier one. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === generation.current && setState({ data, loading: false }),
      (error: unknown) =>
        mine === generation.current && setState({ error: toApiError(error), loading: false }),
    );
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, {
    type: 'about:blank',
    title: 'Error',
    status: 0,
    detail: (error as Error)?.message ?? String(error),
  });
}

/** The API's problem detail, announced to screen readers. */
export function ErrorNote({ error }: { error: ApiError | undefined }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {error.problem.status ? <strong>{error.problem.status} </strong> : null}
      {error.problem.detail}
    </p>
  );
}

export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {children}
    </p>
  );
}

/**
 * A button that runs `action`, disabled while it runs, showing the API's refusal below it. With
 * `confirm`, the first press asks (in the page, focus on the answer) before anything is sent.
 */
export function ActionButton(props: {
  label: string;
  action: () => Promise<unknown>;
  onDone?: (result: unknown) => void;
  disabled?: boolean;
  danger?: boolean;
  confirm?: string;
  title?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = async () => {
    setAsking(false);
    setBusy(true);
    setError(undefined);
    try {
      const result = await props.action();
      props.onDone?.(result);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  if (asking) {
    return (
      <span class="action confirm" role="group" aria-label={props.confirm}>
        <span>{props.confirm}</span>
        <span class="actions">
          <button
            type="button"
            class={props.danger ? 'danger' : 'primary'}
            ref={(el) => el?.focus()}
            onClick={() => void run()}
          >
            Yes, {props.label.toLowerCase()}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </span>
      </span>
    );
  }
  return (
    <span class="action">
      <button
        type="button"
        class={props.danger ? 'danger' : undefined}
        disabled={props.disabled || busy}
        title={props.title}
        onClick={() => (props.confirm ? setAsking(true) : void run())}
      >
        {busy ? `${props.label}…` : props.label}
      </button>
      <ErrorNote error={error} />
    </span>
  );
}
