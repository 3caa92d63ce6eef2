// The Settings editor shows mips-port's settings in titled groups in a chosen order (not one alphabetical
// list with Platform and Offline last): each section has a title and an order, the first holds Platform
// and Offline first, and every setting has its place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { settingsSections } from '../helpers/packageSettings';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

test('settings come in titled, ordered sections; Platform and Offline lead the first', () => {
  const sections = settingsSections(pkg);
  assert.ok(sections.length > 1, 'grouped, not one list');
  assert.deepEqual(
    sections.map((s) => s.order),
    sections.map((_, i) => i),
  );
  const titles = sections.map((s) => s.title);
  assert.equal(new Set(titles).size, titles.length, `distinct titles: ${titles.join(', ')}`);
  // the first section is titled as the extension: its settings show at the top of the extension's page
  assert.equal(sections[0].title, pkg.displayName);
  const first = Object.entries(sections[0].properties).sort(([, a], [, b]) => (a.order ?? 99) - (b.order ?? 99));
  assert.deepEqual(
    first.slice(0, 2).map(([k]) => k),
    ['mipsPort.platform', 'mipsPort.offline'],
  );
  for (const s of sections) {
    const orders = Object.entries(s.properties).map(([k, v]) => {
      assert.equal(typeof v.order, 'number', `${k} has an order`);
      return v.order;
    });
    assert.equal(new Set(orders).size, orders.length, `${s.title}: one place per setting`);
  }
});
