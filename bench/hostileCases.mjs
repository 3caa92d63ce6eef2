// The hostile sizes of the issue, shared by hostile-sizes.mjs (through the language server) and
// analysis-slices.mjs (the engine alone): each case's file name, language id, text for a size n, and its
// size at scale 1.
export const CASES = {
  'RUN apk add line (bytes)': {
    n: 1_000_000,
    file: 'Dockerfile',
    lang: 'dockerfile',
    text: (n) => {
      const words = [];
      for (let len = 0, i = 0; len < n; i++) {
        const w = `pkg${i}`;
        words.push(w);
        len += w.length + 1;
      }
      return `FROM alpine:3.18\nRUN apk add --no-cache ${words.join(' ')}\n`;
    },
    codeAction: true,
  },
  'Compose services': {
    n: 50_000,
    file: 'compose.yaml',
    lang: 'dockercompose',
    text: (n) =>
      `services:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: nginx:1.${i % 30}\n`).join('')}`,
  },
  'Kubernetes containers': {
    n: 50_000,
    file: 'pod.yaml',
    lang: 'yaml',
    text: (n) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n${Array.from(
        { length: n },
        (_, i) => `  - name: c${i}\n    image: registry.k8s.io/pause:3.${i % 10}\n`,
      ).join('')}`,
  },
  'Helm values images': {
    n: 10_000,
    file: 'chart/values.yaml',
    lang: 'yaml',
    text: (n) =>
      Array.from(
        { length: n },
        (_, i) => `c${i}:\n  image:\n    repository: docker.io/library/redis\n    tag: "7.${i % 4}"\n`,
      ).join(''),
    extra: { 'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n' },
  },
};
