import { validateCatalog } from '../domain/catalog';
import { SMALLEST_CATALOG } from './import-catalog.request.dto';

describe('the documented example', () => {
  it('is a valid catalog', () => {
    expect(validateCatalog(SMALLEST_CATALOG).problems).toEqual([]);
  });
});
