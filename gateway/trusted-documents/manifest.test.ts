import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AuthorizationRules } from '../../platform/authorization/rules.js';
import { DEFAULT_RIGHTS_FILE, loadRightsFile, parseRightsFile } from '../authentication/rights-file.js';
import { DEFAULT_OPERATIONS_DIR, DEFAULT_SUPERGRAPH_PATH, DEFAULT_TRUSTED_DOCUMENTS_MANIFEST } from '../config.js';
import { readExampleOperations } from '../graphiql.js';
import { ManifestError, canonicalHashOf, formatManifest, manifestOfShippedOperations, readManifest, sha256Hex } from './manifest.js';

const supergraphSdl = readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8');
const rules = new AuthorizationRules(parse(supergraphSdl));
const operations = readExampleOperations(DEFAULT_OPERATIONS_DIR);

describe('the manifest of trusted documents', () => {
  it('is what the shipped operations make (npm run documents writes it), each under the sha256 of its text', () => {
    const built = manifestOfShippedOperations({ operations, supergraphSdl, rules, rights: loadRightsFile(DEFAULT_RIGHTS_FILE) });
    expect(readFileSync(DEFAULT_TRUSTED_DOCUMENTS_MANIFEST, 'utf8')).toBe(formatManifest(built));
    expect(built.operations.map((entry) => entry.name).sort()).toEqual(operations.map((operation) => operation.name).sort());
    for (const entry of readManifest(DEFAULT_TRUSTED_DOCUMENTS_MANIFEST).operations) {
      expect(entry.id).toBe(sha256Hex(entry.body));
    }
  });

  it('records what each field needs and which roles run all of it', () => {
    const manifest = readManifest(DEFAULT_TRUSTED_DOCUMENTS_MANIFEST);
    const caseView = manifest.operations.find((entry) => entry.name === 'CaseView')!;
    expect(caseView.fields!['PoliceRecord.offences']).toMatch(/police:read/);
    expect(caseView.fields!['Provenance.registry']).toBe('no personal data');
    // Only a senior case worker holds police:read and sis:alerts besides the case data.
    expect(caseView.roles).toEqual(['senior-case-worker']);
    const bulk = manifest.operations.find((entry) => entry.name === 'BulkPrerequisiteChecks')!;
    expect(bulk.roles).toContain('bulk-checker');
  });

  it('refuses to build when a shipped operation needs a right no role grants', () => {
    const withoutSeniors = parseRightsFile(
      {
        claims: { roles: 'roles', unit: 'unit', organisation: 'org' },
        roles: { 'case-worker': { description: 'no police records', rights: ['cases:unit', 'case:read', 'population:read'] } },
      },
      'test rights',
    );
    let problems: string[] = [];
    try {
      manifestOfShippedOperations({ operations, supergraphSdl, rules, rights: withoutSeniors });
    } catch (error) {
      expect(error).toBeInstanceOf(ManifestError);
      problems = (error as ManifestError).problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CaseView: PoliceRecord\.offences needs .*police:read.*no role/)]),
    );
  });

  it('hashes two spellings of one document alike, and a changed field differently', () => {
    const spaced = parse('# a comment\nquery A {\n  application(id: "APP-0000001") {   id }\n}');
    const tight = parse('query A{application(id:"APP-0000001"){id}}');
    const changed = parse('query A{application(id:"APP-0000001"){status}}');
    expect(canonicalHashOf(spaced)).toBe(canonicalHashOf(tight));
    expect(canonicalHashOf(changed)).not.toBe(canonicalHashOf(tight));
  });
});
