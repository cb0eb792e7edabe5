import { duration, isoFromLocalInput, percent, stateLabel } from './format';

const at = (iso: string) => `<${iso}>`;

describe('portal formatting', () => {
  it('says active, paused until when, disabled and why, inactive', () => {
    expect(stateLabel({ status: { state: 'active', reason: null } }, at)).toBe('active');
    expect(
      stateLabel(
        { status: { state: 'paused', reason: 'failing' }, pausedUntil: '2026-12-03T10:00:00Z' },
        at,
      ),
    ).toBe('paused until <2026-12-03T10:00:00Z>');
    expect(stateLabel({ status: { state: 'disabled', reason: 'HTTP 410 Gone' } }, at)).toBe(
      'disabled: HTTP 410 Gone',
    );
    expect(stateLabel({ active: false }, at)).toBe('inactive');
  });

  it('shows a success rate to one decimal, and says when there is none', () => {
    expect(percent(0.9756)).toBe('97.6 %');
    expect(percent(1)).toBe('100 %');
    expect(percent(null)).toBe('no deliveries');
  });

  it('shows durations in ms below a second and in s above', () => {
    expect(duration(12.4)).toBe('12 ms');
    expect(duration(1500)).toBe('1.50 s');
    expect(duration(undefined)).toBe('—');
  });

  it('turns a datetime-local value into an ISO instant; empty or nonsense into nothing', () => {
    expect(isoFromLocalInput('')).toBeUndefined();
    expect(isoFromLocalInput('not a date')).toBeUndefined();
    expect(isoFromLocalInput('2026-12-03T10:00')).toBe(new Date('2026-12-03T10:00').toISOString());
  });
});
