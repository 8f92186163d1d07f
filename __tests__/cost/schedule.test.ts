import { averageScheduledTasks, cronHoursOfWeek } from '../../src/cost/schedule';

describe('scheduled scaling', () => {
  it('reads the hours of the week a simple cron fires (0 = Sunday 00:00)', () => {
    // MON-FRI at 07:00 -> days 1..5 x 24 + 7
    expect(cronHoursOfWeek('cron(0 7 ? * MON-FRI *)')).toEqual([31, 55, 79, 103, 127]);
    expect(cronHoursOfWeek('cron(30 22 ? * SAT,1 *)')).toEqual([22, 166]);
    expect(cronHoursOfWeek('cron(0 6 * * ? *)')).toEqual([6, 30, 54, 78, 102, 126, 150]);
  });

  it('does not guess at forms it does not understand', () => {
    expect(cronHoursOfWeek('rate(5 minutes)')).toBeUndefined();
    expect(cronHoursOfWeek('cron(0/15 7 ? * MON-FRI *)')).toBeUndefined();
    expect(cronHoursOfWeek('cron(0 7 1 * ? *)')).toBeUndefined();
    expect(averageScheduledTasks(2, [{ schedule: 'rate(1 day)', min: 0, max: 0 }])).toBeUndefined();
    expect(averageScheduledTasks(2, [])).toBeUndefined();
  });

  it('averages tasks over the week: on 07:00-20:00 on weekdays = 65 of 168 hours', () => {
    const actions = [
      { schedule: 'cron(0 7 ? * MON-FRI *)', min: 1, max: 2 },
      { schedule: 'cron(0 20 ? * MON-FRI *)', min: 0, max: 0 },
    ];
    expect(averageScheduledTasks(1, actions)).toBeCloseTo(65 / 168, 10);
    // Desired 3 is capped at max 2 while running: 2 x 65 / 168
    expect(averageScheduledTasks(3, actions)).toBeCloseTo((2 * 65) / 168, 10);
  });
});
