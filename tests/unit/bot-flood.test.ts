import { describe, expect, it } from 'vitest';
import { createFloodGate } from '../../src/bot/flood.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('flood gate', () => {
  it('passes `limit` messages, gives one notice, then drops until the window has passed', () => {
    const c = clock();
    const gate = createFloodGate({ limit: 3, windowMs: 10_000, now: c.now });
    expect([1, 2, 3].map(() => gate.check(1))).toEqual(['pass', 'pass', 'pass']);
    expect(gate.check(1)).toBe('notice');
    expect(gate.check(1)).toBe('drop');
    c.advance(9_999);
    expect(gate.check(1)).toBe('drop');
    c.advance(1);
    expect(gate.check(1)).toBe('pass');
  });

  it('does not affect other users', () => {
    const c = clock();
    const gate = createFloodGate({ limit: 2, windowMs: 10_000, now: c.now });
    gate.check(1);
    gate.check(1);
    expect(gate.check(1)).toBe('notice');
    expect(gate.check(2)).toBe('pass');
    expect(gate.check(2)).toBe('pass');
    expect(gate.check(1)).toBe('drop');
  });

  it('uses a sliding window: steady use under the limit is never blocked', () => {
    const c = clock();
    const gate = createFloodGate({ limit: 10, windowMs: 10_000, now: c.now });
    for (let i = 0; i < 200; i++) {
      expect(gate.check(1)).toBe('pass');
      c.advance(1_001);
    }
  });

  it('forgets idle users so memory stays bounded', () => {
    const c = clock();
    const gate = createFloodGate({ limit: 5, windowMs: 1_000, now: c.now, sweepEvery: 100 });
    for (let id = 0; id < 99; id++) gate.check(id);
    expect(gate.size()).toBe(99);
    c.advance(2_000);
    gate.check(5000);
    expect(gate.size()).toBe(1);
  });
});
