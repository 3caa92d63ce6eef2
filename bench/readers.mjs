// The document readers alone (no server, no rules): Compose with N services (plain, and each merging a
// shared `<<: *base` anchor), a Kubernetes Pod with N containers, Helm values with N images, a manifest.go
// with N entries and a Dockerfile with N stages, each at 10,000 and 50,000. Sizes alternate in one run;
// the figure to read is the time ratio 50k / 10k: near 5 is linear, near 25 quadratic. Also the heap the
// result keeps per image use (bounded memory: it should not grow with N).
// Usage: npm run build && node bench/readers.mjs [--rounds 3] [--only compose]
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const documents = (f) => require(path.join(root, 'out/server/src/core/documents', f));
const { analyseYaml } = documents('yamlImages.js');
const { analyseHelmValues } = documents('helmValues.js');
const { runToEnd } = require(path.join(root, 'out/server/src/core/slices.js'));
const { analyseManifestGo } = documents('manifestGo.js');
const { analyseDockerfile } = documents('dockerfile.js');
const { ParsedDocument } = documents('parsedDocument.js');
const { parsePlatform } = require(path.join(root, 'out/server/src/core/platform.js'));

const arg = (name, d) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : d);
const rounds = Number(arg('--rounds', 3)) || 3;
const only = arg('--only', undefined);
const SIZES = [10_000, 50_000];
const target = parsePlatform('linux/mips64le').platform;

const lines = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('');
const CASES = {
  'Compose services': {
    text: (n) => `services:\n${lines(n, (i) => `  s${i}:\n    image: nginx:1.${i % 30}\n`)}`,
    read: (t) => analyseYaml(t).uses,
  },
  'Compose services merging an anchor': {
    text: (n) =>
      `x-base: &base\n  image: nginx:1.25\n  restart: always\nservices:\n${lines(n, (i) => `  s${i}:\n    <<: *base\n${i % 2 ? `    image: redis:7.${i % 4}\n` : ''}`)}`,
    read: (t) => analyseYaml(t).uses,
  },
  'Compose services, half built by another': {
    text: (n) =>
      `services:\n${lines(n, (i) => `  s${i}:\n    image: app/p${i >> 1}:1\n${i % 2 ? '' : '    build: .\n'}`)}`,
    read: (t) => analyseYaml(t).uses,
  },
  'Kubernetes containers': {
    text: (n) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n${lines(
        n,
        (i) => `  - name: c${i}\n    image: registry.k8s.io/pause:3.${i % 10}\n    imagePullPolicy: Always\n`,
      )}`,
    read: (t) => analyseYaml(t).uses,
  },
  'Helm values images': {
    text: (n) =>
      lines(n, (i) =>
        i % 2
          ? `c${i}:\n  image:\n    repository: docker.io/library/redis\n    tag: "7.${i % 4}"\n`
          : `c${i}:\n  image: docker.io/library/nginx:1.${i % 30}\n`,
      ),
    read: (t) => runToEnd(analyseHelmValues(t, { appVersion: '1.0.0' })).uses,
  },
  'manifest.go entries': {
    text: (n) =>
      `package image\n\nfunc initImageConfigs(list RegistryList) map[ImageID]Config {\n  configs := map[ImageID]Config{}\n${lines(
        n,
        (i) => `  configs[Img${i}] = Config{list.PromoterE2eRegistry, "img${i}", "1.${i % 9}"}\n`,
      )}  return configs\n}\n\ntype RegistryList struct {\n  PromoterE2eRegistry string \`yaml:"promoterE2eRegistry"\`\n}\n`,
    read: (t) =>
      analyseManifestGo(t, { target, repoList: { promoterE2eRegistry: 'registry.k8s.io/e2e-test-images' } }).uses,
  },
  'Dockerfile stages': {
    text: (n) =>
      `ARG TAG=3.18\n${lines(n, (i) => `FROM alpine:$TAG AS s${i}\nCOPY --from=s${i > 0 ? i - 1 : 0} /a /a\n`)}`,
    read: (t) => analyseDockerfile(new ParsedDocument(t, 'dockerfile'), { target }).uses,
  },
};

// a collection before each reading and after it, so the heap figure is what the result keeps
v8.setFlagsFromString('--expose-gc');
const gc = globalThis.gc ?? vm.runInNewContext('gc');
function once(c, text) {
  gc();
  const heap = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const uses = c.read(text);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  gc();
  const kept = process.memoryUsage().heapUsed - heap;
  // the uses stay reachable until here, so `kept` is what the result holds, not the parse's garbage
  return { ms, uses: uses.length, kept };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`readers at ${SIZES.join(' and ')} (median of ${rounds} alternating rounds)`);
for (const [name, c] of Object.entries(CASES)) {
  if (only && !name.toLowerCase().includes(only.toLowerCase())) continue;
  const texts = SIZES.map((n) => c.text(n));
  const runs = SIZES.map(() => []);
  once(c, texts[0]); // warm-up: the yaml library's first load and the JIT
  for (let r = 0; r < rounds; r++) texts.forEach((t, k) => runs[k].push(once(c, t)));
  const cells = runs.map((rs, k) => {
    const ms = median(rs.map((x) => x.ms));
    const perUse = rs[0].uses ? Math.round(median(rs.map((x) => x.kept)) / rs[0].uses) : 0;
    return { n: SIZES[k], ms, uses: rs[0].uses, perUse, mb: (texts[k].length / 1e6).toFixed(1) };
  });
  const ratio = cells[1].ms / cells[0].ms;
  console.log(
    `${name.padEnd(40)} ${cells.map((x) => `${x.n}: ${x.ms.toFixed(0)} ms (${x.uses} uses, ${x.mb} MB, ${x.perUse} B kept/use)`).join('  ')}  ratio ${ratio.toFixed(2)} (linear ≈ ${SIZES[1] / SIZES[0]})`,
  );
}
