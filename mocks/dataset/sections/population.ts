/**
 * The population information system's part of the data set: population records by personal
 * identity code. Applicants with a Finnish code and their spouses are made with the applications;
 * the `residents` phase fills the registry up to its size with people who are not applicants:
 * mostly Finnish citizens, some of them deceased, and about one in 2,500 a historical record of
 * someone born in the 1800s (century sign +).
 */
import type { PopulationPerson } from '../../../contracts/registries/population.js';
import type { IsoDate } from '../../../contracts/xroad.js';
import { RATES } from '../bulk-rates.js';
import { addDays, addYears } from '../dates.js';
import type { IdentifierLedger } from '../identifier-ledger.js';
import { centurySignFor, claimHetu, finnishNamesFor, randomDateOfBirth, randomSex, residentRecord, type Identity } from '../people.js';
import type { Prng } from '../prng.js';
import type { BulkContext, DatasetSection, SectionBulk } from './section.js';

export interface PopulationSection {
  persons: PopulationPerson[];
}

/** A Finnish resident born in Finland, with a new identity code. */
export function finnishResident(
  random: Prng,
  ids: IdentifierLedger,
  identity: Identity,
  referenceDate: IsoDate,
  dateOfDeath: IsoDate | null = null,
): PopulationPerson {
  return residentRecord(
    random,
    {
      personalIdentityCode: claimHetu(ids, random, identity, centurySignFor(random, identity.dateOfBirth, identity.dateOfBirth)),
      identityCodeValid: true,
      identity,
      motherTongue: random.chance(0.94) ? 'fi' : 'sv',
      arrival: null,
      nonDisclosure: random.chance(RATES.nonDisclosure),
      dateOfDeath,
    },
    referenceDate,
  );
}

function populationBulk({ data, options, ids, random, announce }: BulkContext<PopulationSection>): SectionBulk {
  const ref = options.referenceDate;
  return {
    person(person) {
      data.persons.push(person);
    },
    residents() {
      const remaining = options.persons - data.persons.length;
      for (let i = 0; i < remaining; i++) {
        const sex = randomSex(random);
        let dateOfBirth: IsoDate;
        let dateOfDeath: IsoDate | null = null;
        if (i % 2500 === 0) {
          dateOfBirth = addDays('1880-01-01', random.int(0, 7300));
          dateOfDeath = addDays(addYears(dateOfBirth, 70), random.int(0, 9000));
        } else if (random.chance(RATES.deceased)) {
          dateOfBirth = randomDateOfBirth(random, ref, 60, 100);
          dateOfDeath = addDays(ref, -random.int(1, 3650));
        } else {
          dateOfBirth = randomDateOfBirth(random, ref, 0, 95);
        }
        const identity = { ...finnishNamesFor(random, sex), sex, dateOfBirth, nationalities: ['FIN'], placeOfBirth: 'Helsinki' };
        announce.person(finnishResident(random, ids, identity, ref, dateOfDeath));
      }
    },
  };
}

export const populationSection: DatasetSection<PopulationSection> = {
  empty: () => ({ persons: [] }),
  counts: (data) => ({ persons: data.persons.length }),
  check(check, section, path) {
    const personCodes = new Map<string, string>();
    check.each(check.array(section, 'persons', path), `${path}.persons`, (person, personPath) => {
      check.unique(
        personCodes,
        check.string(person, 'personalIdentityCode', personPath),
        `${personPath}.personalIdentityCode`,
        'personal identity code',
      );
      check.typed(person, 'identityCodeValid', 'boolean', personPath);
      check.typed(person, 'nonDisclosure', 'boolean', personPath);
      check.date(person, 'dateOfBirth', personPath);
      check.strings(person, 'nationalities', personPath);
      check.array(person, 'migrations', personPath);
      check.array(person, 'familyRelations', personPath);
    });
  },
  bulk: populationBulk,
};
