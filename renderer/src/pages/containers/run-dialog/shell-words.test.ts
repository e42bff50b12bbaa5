import { describe, expect, it } from 'vitest';
import { parseDotEnv, mergeEnv } from './dotenv';
import { joinShellWords, splitShellWords } from './shell-words';

describe('shell words', () => {
  it('splits like a shell, without expansion', () => {
    expect(splitShellWords(`sh -c 'echo "$HOME" > /x'`)).toEqual(['sh', '-c', 'echo "$HOME" > /x']);
    expect(splitShellWords(`echo "a \\"b\\" c" d\\ e ''`)).toEqual(['echo', 'a "b" c', 'd e', '']);
    expect(splitShellWords('   ')).toEqual([]);
    expect(splitShellWords(`echo 'open`)).toBeNull();
  });
  it('joins back to the same words', () => {
    const words = ['sh', '-c', "it's a $test", ''];
    expect(splitShellWords(joinShellWords(words))).toEqual(words);
  });
});

describe('.env paste', () => {
  it('reads the usual forms', () => {
    const text = [
      '# database',
      'export DB_HOST=db.local',
      'DB_PASSWORD="p@ss \\"word\\"\\n2"',
      "LITERAL='$NOT_EXPANDED'",
      'WITH_COMMENT=value # trailing',
      'EMPTY=',
      'BARE',
      'bad key=1',
      '',
    ].join('\n');
    expect(parseDotEnv(text)).toEqual([
      { key: 'DB_HOST', value: 'db.local' },
      { key: 'DB_PASSWORD', value: 'p@ss "word"\n2' },
      { key: 'LITERAL', value: '$NOT_EXPANDED' },
      { key: 'WITH_COMMENT', value: 'value' },
      { key: 'EMPTY', value: '' },
      { key: 'BARE', value: '' },
    ]);
  });
  it('merges into rows: replaces values by name, drops blank rows, appends new ones', () => {
    const rows = [{ key: 'A', value: '1', id: 1 }, { key: '', value: '', id: 2 }];
    expect(mergeEnv(rows, [{ key: 'A', value: '2' }, { key: 'B', value: '3' }], (v) => ({ ...v, id: 9 }))).toEqual([
      { key: 'A', value: '2', id: 1 },
      { key: 'B', value: '3', id: 9 },
    ]);
  });
});
