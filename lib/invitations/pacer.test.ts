import { describe, expect, it } from 'vitest';
import { createPacer } from './pacer.js';

/** A clock that only moves when the pacer sleeps, so the schedule can be read exactly. */
const fakeTime = () => {
  let now = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
  };
};

describe('createPacer', () => {
  it('spaces sends so that all instances together stay within the rate', async () => {
    const time = fakeTime();
    // 14 emails a second shared by 2 instances: each sends one every 1000 * 2 / 14 ms.
    const pace = createPacer({ emailPerSecond: 14, smsPerSecond: 1 }, 2, time.sleep, time.now);

    for (let i = 0; i < 8; i += 1) await pace('email');

    expect(time.now()).toBeCloseTo((7 * 2000) / 14, 6);
    expect(time.slept).toHaveLength(7);
  });

  it('keeps a separate pace per channel', async () => {
    const time = fakeTime();
    const pace = createPacer({ emailPerSecond: 10, smsPerSecond: 1 }, 1, time.sleep, time.now);

    await pace('sms');
    await pace('email');
    await pace('email');

    expect(time.slept).toEqual([100]);
  });

  it('does not wait after an idle spell', async () => {
    const time = fakeTime();
    const pace = createPacer({ emailPerSecond: 1, smsPerSecond: 1 }, 1, time.sleep, time.now);
    await pace('email');
    await time.sleep(5000);
    time.slept.length = 0;

    await pace('email');

    expect(time.slept).toEqual([]);
  });
});
