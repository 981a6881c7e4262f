/**
 * Writes a generated data set to a file: `npm run mocks:generate -- --out data.json [--seed 1]
 * [--applications 10000] [--persons 8000] [--employers 2000] [--reference-date 2026-10-01]`.
 * The file can be edited and served with MOCK_DATASET_FILE.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { generateDataset } from './dataset/generator.js';
import { DEFAULT_GENERATOR_OPTIONS, generatorOptionsSchema } from './dataset/generator-options.js';

const USAGE = `usage: npm run mocks:generate -- --out <file>
  [--seed N] [--applications N] [--persons N] [--employers N] [--reference-date YYYY-MM-DD]
defaults: ${JSON.stringify(DEFAULT_GENERATOR_OPTIONS)}`;

const FLAGS = {
  seed: 'seed',
  applications: 'applications',
  persons: 'persons',
  employers: 'employers',
  referenceDate: 'reference-date',
} as const;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      applications: { type: 'string' },
      persons: { type: 'string' },
      employers: { type: 'string' },
      'reference-date': { type: 'string' },
      help: { type: 'boolean' },
    },
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const out = values.out;
if (typeof out !== 'string') fail('--out is required');

const number = (flag: string) => (typeof values[flag] === 'string' ? Number(values[flag]) : undefined);
const requested = {
  ...DEFAULT_GENERATOR_OPTIONS,
  ...Object.fromEntries(
    Object.entries({
      seed: number('seed'),
      applications: number('applications'),
      persons: number('persons'),
      employers: number('employers'),
      referenceDate: values['reference-date'],
    }).filter(([, value]) => value !== undefined),
  ),
};
const parsed = generatorOptionsSchema.safeParse(requested);
if (!parsed.success) {
  fail(parsed.error.issues.map((issue) => `--${FLAGS[issue.path[0] as keyof typeof FLAGS]}: ${issue.message}`).join('\n'));
}

const startedAt = performance.now();
const dataset = generateDataset(parsed.data);
const generatedAt = performance.now();
await writeFile(out, JSON.stringify(dataset));
const writtenAt = performance.now();
process.stderr.write(
  `wrote ${out}: ${JSON.stringify(dataset.meta.counts)}\n` +
    `generated in ${Math.round(generatedAt - startedAt)} ms, written in ${Math.round(writtenAt - generatedAt)} ms\n`,
);
