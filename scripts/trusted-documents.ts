/**
 * Builds the manifest of trusted documents from the shipped operations (gateway/operations/),
 * or with --check fails when the checked-in one is not what they make, or when an operation needs
 * a right no role of the rights file grants (the build runs the check).
 *
 *   npm run documents            write gateway/trusted-documents.json
 *   npm run documents -- --check compare only
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'graphql';
import { loadRightsFile, DEFAULT_RIGHTS_FILE } from '../gateway/authentication/rights-file.js';
import { DEFAULT_OPERATIONS_DIR, DEFAULT_SUPERGRAPH_PATH, DEFAULT_TRUSTED_DOCUMENTS_MANIFEST } from '../gateway/config.js';
import { readExampleOperations } from '../gateway/graphiql.js';
import { ManifestError, formatManifest, manifestOfShippedOperations } from '../gateway/trusted-documents/manifest.js';
import { AuthorizationRules } from '../platform/authorization/rules.js';

const check = process.argv.includes('--check');
const supergraphSdl = readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8');
let expected: string;
try {
  expected = formatManifest(
    manifestOfShippedOperations({
      operations: readExampleOperations(DEFAULT_OPERATIONS_DIR),
      supergraphSdl,
      rules: new AuthorizationRules(parse(supergraphSdl)),
      rights: loadRightsFile(DEFAULT_RIGHTS_FILE),
    }),
  );
} catch (error) {
  if (!(error instanceof ManifestError)) throw error;
  console.error(error.message);
  process.exit(1);
}

if (!check) {
  writeFileSync(DEFAULT_TRUSTED_DOCUMENTS_MANIFEST, expected);
  console.log(`wrote ${DEFAULT_TRUSTED_DOCUMENTS_MANIFEST}`);
} else {
  let actual = '';
  try {
    actual = readFileSync(DEFAULT_TRUSTED_DOCUMENTS_MANIFEST, 'utf8');
  } catch {
    // Missing is reported below, as out of date.
  }
  if (actual !== expected) {
    console.error(`${DEFAULT_TRUSTED_DOCUMENTS_MANIFEST} is not what the shipped operations make: run npm run documents`);
    process.exit(1);
  }
  console.log('trusted documents: the manifest is current, and every operation can be run by some role');
}
