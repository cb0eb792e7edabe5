import { dailyPartition, partitionDay, planPartitions, retentionCutoff } from './partition-plan';

describe('partition plan', () => {
  const now = new Date('2026-11-22T13:45:00Z');

  it('names a daily partition by its UTC day with exact bounds', () => {
    const p = dailyPartition('events', now);
    expect(p).toEqual({
      name: 'events_p20261122',
      from: new Date('2026-11-22T00:00:00Z'),
      to: new Date('2026-11-23T00:00:00Z'),
    });
    expect(partitionDay('events', p.name)).toEqual(p.from);
    expect(partitionDay('events', 'delivery_attempts_p20261122')).toBeUndefined();
    expect(partitionDay('events', 'events_default')).toBeUndefined();
  });

  it('creates today and the days ahead that are missing', () => {
    const plan = planPartitions({
      table: 'events',
      now,
      aheadDays: 2,
      retentionDays: 30,
      existing: ['events_p20261123'],
    });
    expect(plan.create.map((p) => p.name)).toEqual(['events_p20261122', 'events_p20261124']);
    expect(plan.drop).toEqual([]);
  });

  it('drops only days that ended before the retention cutoff', () => {
    expect(retentionCutoff(now, 30)).toEqual(new Date('2026-10-23T00:00:00Z'));
    const plan = planPartitions({
      table: 'events',
      now,
      aheadDays: 0,
      retentionDays: 30,
      existing: [
        'events_p20261021',
        'events_p20261022',
        'events_p20261023',
        'events_p20261122',
        'other',
      ],
    });
    expect(plan.drop).toEqual(['events_p20261021', 'events_p20261022']);
    expect(plan.create).toEqual([]);
  });
});
