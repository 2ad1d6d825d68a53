import { describe, expect, it } from 'vitest';
import {
  formatChange,
  formatCount,
  formatDays,
  formatMargin,
  formatMean,
  formatPercent,
  formatScore,
  formatSurveyScore,
  formatTime,
} from './format.js';

describe('numbers for the lead', () => {
  it('gives scores one decimal where they have one, and means two', () => {
    expect(formatScore('en', 32.5)).toBe('32.5');
    expect(formatScore('en', 40)).toBe('40');
    expect(formatScore('en', -12.5)).toBe('−12.5');
    expect(formatScore('en', null)).toBe('—');
    expect(formatMean('zh-CN', 5.4)).toBe('5.40');
    expect(formatSurveyScore('en', 'csat', 82.5)).toBe('82.5%');
    expect(formatSurveyScore('en', 'ces', 5.2)).toBe('5.2');
  });

  it('signs every change with a real minus', () => {
    expect(formatChange('en', 4.2)).toBe('+4.2');
    expect(formatChange('en', -3)).toBe('−3.0');
    expect(formatChange('zh-CN', 0)).toBe('0.0');
  });

  it('formats counts, percentages and margins for the locale', () => {
    expect(formatCount('en', 12345)).toBe('12,345');
    expect(formatPercent('zh-CN', 23.4)).toBe('23.4%');
    expect(formatPercent('en', null)).toBe('—');
    expect(formatMargin('en', 'nps', 8)).toBe('±8.0');
    expect(formatMargin('en', 'ces', 0.2)).toBe('±0.20');
  });
});

describe('times for the lead', () => {
  it('shows an instant on the lead’s clock, in their language', () => {
    expect(formatTime('en', 'America/New_York', '2026-11-26T10:15:03Z')).toBe('Nov 26, 2026, 5:15 AM');
    expect(formatTime('zh-CN', 'Asia/Shanghai', '2026-11-26T10:15:03Z')).toBe('2026年11月26日 18:15');
  });

  it('falls back to UTC for a zone it does not know, and shows an unreadable time as it is', () => {
    expect(formatTime('en', 'Mars/Olympus', '2026-11-26T10:15:03Z')).toBe('Nov 26, 2026, 10:15 AM');
    expect(formatTime('en', 'UTC', 'yesterday')).toBe('yesterday');
  });

  it('shows the metrics’ UTC days as short dates', () => {
    expect(formatDays('en', '2026-11-23', '2026-11-29')).toBe('Nov 23 – Nov 29');
    expect(formatDays('zh-CN', '2026-11-26', '2026-11-26')).toBe('11月26日');
  });
});
