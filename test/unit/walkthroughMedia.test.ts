// The walkthrough and the Marketplace page show the extension itself: every picture they name is a
// screenshot the vscode tier takes and keeps (test/vscode/screenshots.ts), at the size its browser page has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { KEPT_DIR, KEPT_SCREENSHOTS, SHOT_SIZE } from '../vscode/screenshots';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

/** Images a Markdown file names, as repository paths. */
function imagesOf(mdFile: string): string[] {
  const md = fs.readFileSync(path.join(REPO_ROOT, mdFile), 'utf8');
  // the Marketplace page is read from the repository root (vsce --readme-path), the walkthrough's from its folder
  const base = mdFile.startsWith('docs/') ? '' : path.posix.dirname(mdFile);
  return [...md.matchAll(/!\[[^\]]+\]\(([^)\s]+)\)/g)].map((m) => path.posix.normalize(path.posix.join(base, m[1])));
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(path.join(REPO_ROOT, file));
  assert.equal(b.subarray(1, 4).toString(), 'PNG', `${file} is a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

test('every walkthrough step shows a screenshot the vscode tier keeps; so does the Marketplace page', () => {
  const steps = pkg.contributes.walkthroughs[0].steps as { id: string; media: { markdown?: string } }[];
  const kept = new Set(Object.values(KEPT_SCREENSHOTS).map((f) => `${KEPT_DIR}/${f}`));
  const named: string[] = [];
  for (const step of steps) {
    assert.ok(step.media.markdown, `${step.id} has Markdown media`);
    const images = imagesOf(step.media.markdown);
    assert.ok(images.length > 0, `${step.id}: ${step.media.markdown} shows no picture`);
    named.push(...images);
  }
  named.push(...imagesOf('docs/marketplace.md'));
  for (const image of named) {
    assert.ok(kept.has(image), `${image} is not one of the screenshots the vscode tier keeps`);
    assert.deepEqual(pngSize(image), SHOT_SIZE, `${image}: taken by the tier's browser page`);
  }
  // and every kept screenshot is shown somewhere
  assert.deepEqual(
    [...kept].filter((k) => !named.includes(k)),
    [],
  );
});
