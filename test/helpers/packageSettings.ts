// package.json contributes its settings in titled sections (the Settings editor's groups): every
// setting of every section, by id.

/** A setting's JSON schema as package.json writes it (read from JSON, so loosely typed). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SettingSchema = Record<string, any>;

export interface SettingsSection {
  id?: string;
  title: string;
  order?: number;
  properties: Record<string, SettingSchema>;
}

export function settingsSections(pkg: { contributes: { configuration: unknown } }): SettingsSection[] {
  const c = pkg.contributes.configuration as SettingsSection | SettingsSection[];
  return Array.isArray(c) ? c : [c];
}

export function contributedSettings(pkg: { contributes: { configuration: unknown } }): SettingsSection['properties'] {
  return Object.assign({}, ...settingsSections(pkg).map((s) => s.properties));
}
