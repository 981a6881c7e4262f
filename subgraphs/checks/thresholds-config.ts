/** The checks subgraph's thresholds configuration: CHECK_THRESHOLDS_FILE, read once at start. */
import { z } from 'zod';
import { checkedInThresholds, loadThresholdsFile, ThresholdsError, type Thresholds } from '../../contracts/check-thresholds.js';
import { ConfigError, readConfig, type EnvSource } from '../../platform/config.js';

/**
 * The thresholds a checks process applies: CHECK_THRESHOLDS_FILE when set, else the checked-in
 * file. An unusable file stops the start with a ConfigError naming the variable and the problem.
 */
export function loadConfiguredThresholds(source: EnvSource = process.env): Thresholds {
  const { CHECK_THRESHOLDS_FILE } = readConfig({ CHECK_THRESHOLDS_FILE: z.string().optional() }, source);
  try {
    return CHECK_THRESHOLDS_FILE
      ? loadThresholdsFile(CHECK_THRESHOLDS_FILE, `CHECK_THRESHOLDS_FILE (${CHECK_THRESHOLDS_FILE})`)
      : checkedInThresholds();
  } catch (error) {
    throw error instanceof ThresholdsError ? new ConfigError(error.problems) : error;
  }
}
