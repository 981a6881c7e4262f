/**
 * Which unit handles an application, and which case worker it is assigned to. Chosen by the
 * application's position, not drawn from the random stream, so giving cases units left every other
 * generated record as it was. Scenario applications (the README's and the tests' named cases) all
 * belong to HEL-1, the unit of most demo users; generated ones are spread over every unit, HEL-1
 * holding half, so a HEL-1 case worker's worklist is long and other units' cases are at hand for
 * purpose binding.
 */
import { DEMO_USERS, UNIT_CODES, type UnitCode } from '../../contracts/identity.js';
import type { ApplicationStatus } from '../../contracts/registries/case-register.js';

/** The unit of most demo users and of every scenario application. */
export const SCENARIO_UNIT: UnitCode = 'HEL-1';

/** Ten positions' worth of units: HEL-1 half, HEL-2 and TRE-1 a fifth each, TKU-1 a tenth. */
const UNIT_PATTERN: readonly UnitCode[] = ['HEL-1', 'HEL-1', 'TRE-1', 'HEL-2', 'HEL-1', 'TKU-1', 'HEL-1', 'TRE-1', 'HEL-2', 'HEL-1'];

/** Each unit's case workers: its demo users who handle cases, then colleagues who exist only in the data. */
const STAFF = new Map<UnitCode, readonly string[]>(
  UNIT_CODES.map((unit) => {
    const demo = DEMO_USERS.filter((user) => user.unit === unit && user.roles.some((role) => role.endsWith('case-worker'))).map(
      (user) => user.id,
    );
    const colleagues = Array.from({ length: 4 }, (_, n) => `${unit.toLowerCase().replace('-', '')}.worker${n + 1}`);
    return [unit, [...demo, ...colleagues]];
  }),
);

export function unitAt(position: number): UnitCode {
  return UNIT_PATTERN[position % UNIT_PATTERN.length]!;
}

/** A received application waits for a case worker to take it; every other one has one. */
export function assignedCaseWorkerAt(unit: UnitCode, status: ApplicationStatus, position: number): string | null {
  if (status === 'RECEIVED') return null;
  const staff = STAFF.get(unit)!;
  return staff[position % staff.length]!;
}
