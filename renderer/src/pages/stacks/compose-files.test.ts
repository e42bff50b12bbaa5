import { describe, expect, it } from 'vitest';
import { addComposeFile } from './compose-files';

describe('addComposeFile', () => {
  const stack = '/srv/shop/compose.yaml';

  it("puts the stack's own file first when the list was empty, so an override keeps its base", () => {
    expect(addComposeFile('', '/srv/shop/compose.debug.yaml', stack)).toBe('/srv/shop/compose.yaml\n/srv/shop/compose.debug.yaml');
    expect(addComposeFile('  \n', stack, stack)).toBe(stack);
  });

  it('appends to a list the user wrote, once, keeping their order and dropping blank lines', () => {
    const typed = '/srv/shop/base.yaml\n\n  /srv/shop/compose.yaml  ';
    expect(addComposeFile(typed, '/srv/shop/extra.yaml', stack)).toBe('/srv/shop/base.yaml\n/srv/shop/compose.yaml\n/srv/shop/extra.yaml');
    expect(addComposeFile(typed, '/srv/shop/base.yaml', stack)).toBe('/srv/shop/base.yaml\n/srv/shop/compose.yaml');
  });
});
