// What `build --dry-run` prints for one plan: the argv of every step, and where each stage runs.
import { BuildPlan } from '../core/build/plan';

export function planJson(p: BuildPlan): object {
  return {
    dockerfile: p.dockerfile,
    context: p.context,
    platform: p.platform,
    tag: p.tag,
    buildArgs: p.buildArgs,
    unresolved: p.unresolved,
    notes: p.notes,
    builder: p.builder,
    stages: p.stages,
    steps: p.steps.map((s) => ({ id: s.id, title: s.title, argv: s.argv, env: s.env, expect: s.expect })),
  };
}
