import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { specialistSalaryThresholdEur } from '../../mocks/dataset/reference-data/work.js';
import { ConfigError } from '../../platform/config.js';
import { addYears, daysInclusive, todayInFinland } from './calendar.js';
import { DEFAULT_THRESHOLDS_FILE, checkedInThresholds, thresholdOn } from '../../contracts/check-thresholds.js';
import { loadConfiguredThresholds } from './thresholds-config.js';

const checkedIn = JSON.parse(readFileSync(DEFAULT_THRESHOLDS_FILE, 'utf8')) as Record<string, any>;

function fileWith(document: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'thresholds-')), 'thresholds.json');
  writeFileSync(file, typeof document === 'string' ? document : JSON.stringify(document));
  return file;
}

function problemsOf(source: Record<string, string>): string[] {
  try {
    loadConfiguredThresholds(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the thresholds configuration', () => {
  it('the checked-in file is valid and holds the figures domain.md gives', () => {
    const thresholds = checkedInThresholds();
    expect(thresholdOn(thresholds, 'specialistPermit', 'minimumMonthlySalaryEur', '2024-06-01')?.value).toBe(3638);
    expect(thresholdOn(thresholds, 'employerCheck', 'taxDebtBelowEur', '2026-10-01')).toMatchObject({ value: 1000, uncertain: true });
    expect(thresholdOn(thresholds, 'citizenship', 'residenceYears', '2024-10-01')?.value).toBe(8);
    expect(thresholdOn(thresholds, 'citizenship', 'residenceYears', '2024-09-30')).toBeNull();
  });

  it('CHECK_THRESHOLDS_FILE overrides the path', () => {
    const raised = structuredClone(checkedIn);
    raised.specialistPermit.minimumMonthlySalaryEur.push({ from: '2025-01-01', value: 3827 });
    const thresholds = loadConfiguredThresholds({ CHECK_THRESHOLDS_FILE: fileWith(raised) });
    expect(thresholdOn(thresholds, 'specialistPermit', 'minimumMonthlySalaryEur', '2025-06-01')?.value).toBe(3827);
  });

  it.each([
    ['a missing file', () => '/nonexistent/thresholds.json', /cannot read the thresholds file \(ENOENT\)/],
    ['a file that is not JSON', () => fileWith('{ "employerCheck": '), /not valid JSON/],
    [
      'a misspelt threshold',
      () => fileWith({ ...checkedIn, specialistPermit: { minimumSalaryEur: [{ from: '2024-01-01', value: 3638 }] } }),
      /specialistPermit/,
    ],
    [
      'a figure that is not a number',
      () => fileWith({ ...checkedIn, specialistPermit: { minimumMonthlySalaryEur: [{ from: '2024-01-01', value: '3638' }] } }),
      /specialistPermit\.minimumMonthlySalaryEur\.0\.value/,
    ],
    [
      'a date that does not exist',
      () => fileWith({ ...checkedIn, specialistPermit: { minimumMonthlySalaryEur: [{ from: '2024-02-30', value: 3638 }] } }),
      /minimumMonthlySalaryEur\.0\.from: expected a date/,
    ],
    [
      'entries out of order',
      () =>
        fileWith({
          ...checkedIn,
          specialistPermit: {
            minimumMonthlySalaryEur: [
              { from: '2025-01-01', value: 3827 },
              { from: '2024-01-01', value: 3638 },
            ],
          },
        }),
      /minimumMonthlySalaryEur\.1\.from: entries must be in increasing order/,
    ],
    ['an empty history', () => fileWith({ ...checkedIn, specialistPermit: { minimumMonthlySalaryEur: [] } }), /needs at least one entry/],
  ])('stops at start on %s, naming the variable, the file and the problem', (_case, file, problem) => {
    const given = file();
    const problems = problemsOf({ CHECK_THRESHOLDS_FILE: given });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith(`CHECK_THRESHOLDS_FILE (${given}): `))).toBe(true);
    expect(problems.join('\n')).toMatch(problem);
  });

  it('is where the mock data set takes the specialist salary threshold from, so the two cannot drift', () => {
    expect(specialistSalaryThresholdEur('2026-10-01')).toBe(
      thresholdOn(checkedInThresholds(), 'specialistPermit', 'minimumMonthlySalaryEur', '2026-10-01')!.value,
    );
  });
});

describe('calendar', () => {
  it('a year from 29 February ends on 28 February (Act 150/1930)', () => {
    expect(addYears('2008-02-29', 18)).toBe('2026-02-28');
    expect(addYears('2008-02-29', 16)).toBe('2024-02-29');
  });

  it('counts both ends of a stay', () => {
    expect(daysInclusive('2026-06-01', '2026-06-03')).toBe(3);
    expect(daysInclusive('2026-06-03', '2026-06-01')).toBe(0);
  });

  it('today is today in Finland', () => {
    expect(todayInFinland(new Date('2026-09-30T21:30:00Z'))).toBe('2026-10-01'); // 00:30 in Helsinki (UTC+3)
    expect(todayInFinland(new Date('2026-12-31T21:59:00Z'))).toBe('2026-12-31'); // 23:59 in Helsinki (UTC+2)
  });
});
