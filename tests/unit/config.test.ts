import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_THRESHOLDS, parseConfig, retiredVariableWarnings } from '../../src/config.ts';

describe('engine thresholds from the environment', () => {
  it('defaults, and reads ANSWER_CONFIDENCE', () => {
    expect(parseConfig({}).thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(parseConfig({ ANSWER_CONFIDENCE: '0.9' }).thresholds.confidence).toBe(0.9);
  });
  it('rejects a confidence outside [0, 1], naming the variable', () => {
    expect(() => parseConfig({ ANSWER_CONFIDENCE: '1.5' })).toThrow(ConfigError);
    expect(() => parseConfig({ ANSWER_CONFIDENCE: '1.5' })).toThrow(/ANSWER_CONFIDENCE/);
  });
  it('warns about CLARIFY_MARGIN, which is no longer read, without echoing its value', () => {
    const warnings = retiredVariableWarnings({ CLARIFY_MARGIN: '0.1234' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/CLARIFY_MARGIN.*ANSWER_CONFIDENCE/);
    expect(warnings[0]).not.toContain('0.1234');
    expect(retiredVariableWarnings({ CLARIFY_MARGIN: '  ' })).toEqual([]);
    expect(retiredVariableWarnings({})).toEqual([]);
  });
});
