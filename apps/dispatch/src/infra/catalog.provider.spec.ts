import { DEV_API_KEYS, parseApiKeys } from '@ugov/platform';
import { DEMO_CITY } from './catalog.provider';

describe('the demonstration city in development', () => {
  it('has a development key for every department, so each can read and answer its assignments', () => {
    const subjects = new Set(
      [...parseApiKeys(DEV_API_KEYS).values()].filter(({ roles }) => roles.includes('department')).map(({ subject }) => subject),
    );
    expect(DEMO_CITY.departments.map((department) => department.code).filter((code) => !subjects.has(code))).toEqual([]);
  });
});
