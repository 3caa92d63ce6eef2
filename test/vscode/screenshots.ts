// The screenshots the vscode tier takes that the walkthrough and the Marketplace page show: kept under
// resources/screenshots (packed into the .vsix) when the tier runs with MIPS_PORT_KEEP_SCREENSHOTS=1
// (`npm run screenshots`), so the pictures are always of the extension as it is.
export const KEPT_SCREENSHOTS: Readonly<Record<string, string>> = {
  'platform-picker.png': 'platform-picker.png',
  'images-view.png': 'images-view.png',
  'quick-fix-menu.png': 'quick-fix.png',
  'dockerfile-diagnostics.png': 'dockerfile.png',
};

/** Where the kept screenshots live, relative to the repository. */
export const KEPT_DIR = 'resources/screenshots';

/** The size the tier's browser page has: a kept image of another size was not taken by it. */
export const SHOT_SIZE = { width: 1400, height: 900 };
