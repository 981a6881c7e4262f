/**
 * Reading configuration from the environment, once, with validation.
 *
 * Each service (gateway, every subgraph, the mocks) declares its variables as a zod object and
 * calls `readConfig` at start. A bad or missing value stops the process with a message that
 * names the variable, instead of surfacing later as a confusing runtime error.
 */
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    options?: ErrorOptions,
  ) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`, options);
    this.name = 'ConfigError';
  }
}

export type EnvSource = Record<string, string | undefined>;

/**
 * Parses `env` with `shape`. Empty strings count as unset so that `FOO=` in a shell falls back
 * to the default instead of failing as "not a number".
 */
export function readConfig<Shape extends z.ZodRawShape>(shape: Shape, env: EnvSource = process.env): z.infer<z.ZodObject<Shape>> {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') relevant[key] = value;
  }
  const parsed = z.object(shape).safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const given = relevant[String(issue.path[0])];
        return `${name}: ${issue.message}${given !== undefined ? ` (got ${JSON.stringify(given)})` : ''}`;
      }),
    );
  }
  return parsed.data;
}

/** Reusable variable types, so every service spells ports and booleans the same way. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  nonNegativeInt: (fallback: number) => z.coerce.number().int().min(0).default(fallback),
  milliseconds: (fallback: number) => z.coerce.number().int().min(0).max(3_600_000).default(fallback),
  rate: (fallback: number) => z.coerce.number().min(0).max(1).default(fallback),
  url: (fallback: string) => z.url().default(fallback),
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
      .transform((v) => v === 'true' || v === '1' || v === 'yes')
      .default(fallback),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  string: (fallback: string) => z.string().min(1).default(fallback),
};
