import { describe, expect, it } from 'vitest';
import { JsonLineSplitter } from './json-lines';

const enc = (s: string) => new TextEncoder().encode(s);

function collect() {
  const objects: unknown[] = [];
  const bad: string[] = [];
  const splitter = new JsonLineSplitter(
    (o) => objects.push(o),
    (l) => bad.push(l),
  );
  return { objects, bad, splitter };
}

describe('JsonLineSplitter', () => {
  it('an object split across chunks is emitted once, when its line is complete', () => {
    const { objects, splitter } = collect();
    splitter.push(enc('{"Type":"contai'));
    splitter.push(enc('ner","Action":'));
    expect(objects).toEqual([]);
    splitter.push(enc('"start"}\n'));
    expect(objects).toEqual([{ Type: 'container', Action: 'start' }]);
  });

  it('several objects in one chunk, in order, keeping the incomplete tail for later', () => {
    const { objects, splitter } = collect();
    splitter.push(enc('{"n":1}\n{"n":2}\n{"n":3}\n{"n":'));
    expect(objects).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    splitter.push(enc('4}\n'));
    expect(objects).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
  });

  it('a multi-byte UTF-8 character split across chunks is decoded intact', () => {
    const { objects, bad, splitter } = collect();
    const bytes = enc('{"name":"caf\u00e9 \u{1F433}"}\n');
    const e = bytes.indexOf(0xc3); // first byte of é
    const whale = bytes.indexOf(0xf0); // first byte of the 4-byte whale
    splitter.push(bytes.slice(0, e + 1));
    splitter.push(bytes.slice(e + 1, whale + 2));
    splitter.push(bytes.slice(whale + 2));
    expect(bad).toEqual([]);
    expect(objects).toEqual([{ name: 'caf\u00e9 \u{1F433}' }]);
  });

  it('blank lines, whitespace-only lines and CRLF are ignored', () => {
    const { objects, bad, splitter } = collect();
    splitter.push(enc('\n\n  \n{"a":1}\r\n\r\n\t\n{"b":2}\n'));
    expect(objects).toEqual([{ a: 1 }, { b: 2 }]);
    expect(bad).toEqual([]);
  });

  it('a bad line goes to onBadLine and the lines after it still arrive', () => {
    const { objects, bad, splitter } = collect();
    splitter.push(enc('{"a":1}\nnot json\n{"b":'));
    splitter.push(enc('2}\n{"c":3\n{"d":4}\n'));
    expect(bad).toEqual(['not json', '{"c":3']);
    expect(objects).toEqual([{ a: 1 }, { b: 2 }, { d: 4 }]);
  });

  it('bad lines are ignored when no onBadLine is given', () => {
    const objects: unknown[] = [];
    const splitter = new JsonLineSplitter((o) => objects.push(o));
    expect(() => splitter.push(enc('garbage\n{"ok":true}\n'))).not.toThrow();
    expect(objects).toEqual([{ ok: true }]);
  });

  it('end() flushes a final line without a newline, once', () => {
    const { objects, splitter } = collect();
    splitter.push(enc('{"a":1}\n{"last":'));
    splitter.push(enc('true}'));
    expect(objects).toEqual([{ a: 1 }]);
    splitter.end();
    expect(objects).toEqual([{ a: 1 }, { last: true }]);
    splitter.end();
    expect(objects).toHaveLength(2);
  });

  it('end() reports an incomplete last line as bad', () => {
    const { objects, bad, splitter } = collect();
    splitter.push(enc('{"a":1}\n{"trunc'));
    splitter.end();
    expect(objects).toEqual([{ a: 1 }]);
    expect(bad).toEqual(['{"trunc']);
  });

  it('end() with nothing pending emits nothing', () => {
    const { objects, bad, splitter } = collect();
    splitter.push(enc('{"a":1}\n'));
    splitter.end();
    expect(objects).toEqual([{ a: 1 }]);
    expect(bad).toEqual([]);
  });

  it('non-object JSON values are passed through', () => {
    const { objects, splitter } = collect();
    splitter.push(enc('1\n"s"\nnull\n[1,2]\n'));
    expect(objects).toEqual([1, 's', null, [1, 2]]);
  });
});
