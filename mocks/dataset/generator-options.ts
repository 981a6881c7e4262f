/**
 * What a generated data set is made from: the seed, its sizes and the day it is "now". Sizes are
 * totals: `applications` applications, `persons` population records and `employers` companies,
 * of which the scenarios' own are a part (a data set is never smaller than its scenarios).
 */
import { z } from 'zod';
import type { IsoDate } from '../../contracts/xroad.js';
import { isIsoDate } from './dates.js';

export interface GeneratorOptions {
  seed: number;
  applications: number;
  persons: number;
  employers: number;
  referenceDate: IsoDate;
}

export const DEFAULT_GENERATOR_OPTIONS: Readonly<GeneratorOptions> = {
  seed: 1,
  applications: 10_000,
  persons: 8_000,
  employers: 2_000,
  referenceDate: '2026-10-01',
};

export const generatorOptionsSchema = z.object({
  seed: z.number().int().min(0).max(0xffff_ffff),
  applications: z.number().int().min(0).max(2_000_000),
  persons: z.number().int().min(0).max(2_000_000),
  employers: z.number().int().min(0).max(500_000),
  referenceDate: z.string().refine(isIsoDate, 'expected an existing date written YYYY-MM-DD'),
});
