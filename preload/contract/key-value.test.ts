import { describe, expect, it } from 'vitest';
import { splitKeyValue } from './key-value';

describe('splitKeyValue', () => {
  it('splits at the first =, keeping later ones in the value', () => {
    expect(splitKeyValue('URL=a=b')).toEqual({ key: 'URL', value: 'a=b' });
    expect(splitKeyValue('EMPTY=')).toEqual({ key: 'EMPTY', value: '' });
    expect(splitKeyValue('=v')).toEqual({ key: '', value: 'v' });
  });

  it('takes the whole text as the key when there is no =, with the value given for that case', () => {
    expect(splitKeyValue('FLAG')).toEqual({ key: 'FLAG', value: null });
    expect(splitKeyValue('readonly', 'true')).toEqual({ key: 'readonly', value: 'true' });
  });
});
