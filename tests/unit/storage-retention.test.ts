import { afterEach, describe, expect, it, vi } from 'vitest';
import { scheduleRetention } from '../../src/storage/retention.ts';
import { silentLogger } from './storage-fixtures.ts';

afterEach(() => vi.useRealTimers());

describe('scheduleRetention', () => {
  it('prunes at once, then on every interval, until stopped; a failing pass does not stop it', () => {
    vi.useFakeTimers();
    const prune = vi
      .fn<(days: number) => number>()
      .mockReturnValueOnce(3)
      .mockImplementationOnce(() => {
        throw new Error('disk I/O error');
      })
      .mockReturnValue(0);
    const stop = scheduleRetention({ prune }, 90, silentLogger, 1000);
    expect(prune).toHaveBeenCalledTimes(1);
    expect(prune).toHaveBeenCalledWith(90);
    vi.advanceTimersByTime(3000);
    expect(prune).toHaveBeenCalledTimes(4);
    stop();
    vi.advanceTimersByTime(5000);
    expect(prune).toHaveBeenCalledTimes(4);
  });
});
