import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { starlightUserComponents } from '../astro.config.ts';

describe('starlight-user-components alias', () => {
  it("points at Starlight's own component files", () => {
    for (const name of ['Aside', 'Steps', 'Tabs', 'TabItem']) {
      expect(existsSync(join(starlightUserComponents, `${name}.astro`)), name).toBe(true);
    }
  });
});
