// Is an image already in the builder's local store for the target? A single build asks it of the images
// of this workspace it builds on, to build only the ones that are not there yet.
import { runProcess } from '../process/runProcess';
import { Builder } from './builders';
import { builderProfile } from './builderProfiles';

export async function hasLocalImage(builder: Builder, tag: string, platform: string): Promise<boolean> {
  const r = await runProcess(builderProfile(builder).inspect(tag), {});
  return r.code === 0 && r.output.trim().split('\n').pop()?.trim() === platform;
}
