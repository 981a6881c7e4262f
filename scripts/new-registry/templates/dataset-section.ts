/**
 * mocks/dataset/sections/<name>.ts: the registry's part of the data set. Its records are derived
 * in the generator's `derived` phase from the finished people or employers (the scenarios'
 * included), from a stream of its own, so adding it leaves every other record as it was.
 */
import { SUBJECT_KEYS, TODO, type Scaffold } from './scaffold.js';

export function datasetSectionTemplate(scaffold: Scaffold): string {
  const { names, on } = scaffold;
  const key = SUBJECT_KEYS[on];
  const subjects =
    on === 'applicant'
      ? {
          who: 'every applicant with a Finnish personal identity code',
          loop: `for (const { personalIdentityCode } of dataset.applicants) {
        if (!personalIdentityCode) continue;`,
        }
      : {
          who: 'every company in the trade register',
          loop: `for (const { businessId } of dataset.companies) {`,
        };
  return `/**
 * ${names.title}: its part of the data set, records by ${key.what}.
 * A record for ${subjects.who} (the scenarios' included),
 * drawn in the \`derived\` phase from a stream of the section's own, so the rest of every
 * seeded data set stays as it was.
 *
 * ${TODO}: records as the registry holds them, for the people or employers it knows,
 * and the scenario cases the prerequisite checks need (mocks/dataset/scenarios/).
 */
import type { ${names.recordType} } from '../../../contracts/registries/${names.name}.js';
import { addDays } from '../dates.js';
import { sequentialId } from '../identifier-ledger.js';
import type { BulkContext, DatasetSection, SectionBulk } from './section.js';

export interface ${names.pascal}Section {
  records: ${names.recordType}[];
}

function ${names.id}Bulk({ data, dataset, options, ownRandom }: BulkContext<${names.pascal}Section>): SectionBulk {
  return {
    derived() {
      const random = ownRandom();
      ${subjects.loop}
        data.records.push({
          ${key.field},
          reference: sequentialId('${names.referencePrefix}-', data.records.length + 1),
          registeredOn: addDays(options.referenceDate, -random.int(30, 10 * 365)),
        });
      }
    },
  };
}

export const ${names.sectionConstant}: DatasetSection<${names.pascal}Section> = {
  empty: () => ({ records: [] }),
  counts: (data) => ({ ${names.id}Records: data.records.length }),
  check(check, section, path) {
    const keys = new Map<string, string>();
    check.each(check.array(section, 'records', path), \`\${path}.records\`, (record, recordPath) => {
      const key = check.string(record, '${key.field}', recordPath);
      check.unique(keys, key, \`\${recordPath}.${key.field}\`, '${key.what}');
      check.string(record, 'reference', recordPath);
      check.date(record, 'registeredOn', recordPath);
    });
  },
  // Data set files written before this registry existed have no section for it: they load with
  // it empty. ${TODO}: drop this once every data set file in use has the section.
  optional: true,
  bulk: ${names.id}Bulk,
};
`;
}
