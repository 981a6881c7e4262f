/** The checks subgraph's thresholds configuration: CHECK_THRESHOLDS_FILE, read once at start. */
import { z } from 'zod';
import { checkedInThresholds, loadThresholdsFile, type Thresholds } from '../../contracts/check-thresholds.js';
import { readConfig, type EnvSource } from '../../platform/config.js';

/** The thresholds a checks process applies: CHECK_THRESHOLDS_FILE when set, else the checked-in file. */
export function loadConfiguredThresholds(source: EnvSource = process.env): Thresholds {
  const { CHECK_THRESHOLDS_FILE } = readConfig({ CHECK_THRESHOLDS_FILE: z.string().optional() }, source);
  return CHECK_THRESHOLDS_FILE
    ? loadThresholdsFile(CHECK_THRESHOLDS_FILE, `CHECK_THRESHOLDS_FILE (${CHECK_THRESHOLDS_FILE})`)
    : checkedInThresholds();
}
