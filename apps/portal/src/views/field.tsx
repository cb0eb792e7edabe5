import type { ComponentChildren } from 'preact';

/** A labelled input with its hint and the API's (or the form's) message about it. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  wide?: boolean;
  children: (attrs: FieldAttrs) => ComponentChildren;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.wide ? 'field wide' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.children({
        id: props.id,
        'aria-describedby': describedBy,
        'aria-invalid': props.error ? 'true' : undefined,
      })}
      {props.hint ? (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export interface FieldAttrs {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': 'true' | undefined;
}
