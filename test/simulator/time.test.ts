import { describe, expect, it } from 'vitest';
import { clock, goDuration, humanDuration, parseDuration } from '../../src/simulator/time.js';

describe('durations', () => {
  it('parses what users write', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration(45)).toBe(45_000);
    expect(parseDuration('45')).toBe(45_000);
    expect(parseDuration('10 minutes')).toBeUndefined();
    expect(parseDuration('1x')).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
  });
  it("prints Go's Duration.String()", () => {
    expect([0, 10_000, 80_000, 160_000, 300_000, 3_600_000, 1500, 500].map(goDuration)).toEqual(['0s', '10s', '1m20s', '2m40s', '5m0s', '1h0m0s', '1.5s', '500ms']);
  });
  it("prints kubectl's HumanDuration", () => {
    expect([0, 59_000, 119_000, 120_000, 125_000, 600_000, 10_799_000, 3 * 3_600_000 + 60_000, 9 * 3_600_000, 50 * 3_600_000].map(humanDuration)).toEqual(['0s', '59s', '119s', '2m', '2m5s', '10m', '179m', '3h1m', '9h', '2d2h']);
  });
  it('prints the clock column', () => {
    expect([0, 43_000, 81_000, 600_000, 3_661_000, 1500].map(clock)).toEqual(['0s', '43s', '1m21s', '10m', '1h1m1s', '1.5s']);
  });
});
