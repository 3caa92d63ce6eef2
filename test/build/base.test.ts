// The whole porting path on real services: make a Debian mips64el base with mmdebstrap under QEMU,
// push it to a local registry, port Alpine Dockerfiles of five kinds to it with `port --write` (the
// base found through a mirror template and verified by the registry), build them for linux/mips64le
// and start each with its own ENTRYPOINT/CMD.
import { CliResult, runCliProcess } from '../helpers/cli';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBase } from '../../server/src/core/base/createBase';
import { detectBuilder } from '../../server/src/core/build/builders';
import { requireService, RunningRegistry, startRegistry } from '../helpers/registry';
import { debianBaseTierMissing } from '../helpers/buildEnv';
import { PrivateCaServer, startPrivateCaServer } from '../helpers/privateCaServer';
import { platform } from '../helpers/engine';
import { tempDir } from '../helpers/tempDirs';

const missing = debianBaseTierMissing();
const skip = requireService(
  'Debian base tier (mmdebstrap, dockerd, qemu-mips64el, docker-registry)',
  !missing,
  missing ?? '',
);
const mips = platform('linux/mips64le');
const EPOCH = 1767225600; // 2026-01-01: fixed file times, so the layer is reproducible

/** The CLI with a cache of its own, removed when it exits. */
async function cli(args: string[]): Promise<CliResult> {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-xdg-'));
  try {
    return await runCliProcess(args, { ...process.env, XDG_CACHE_HOME: cache });
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

// Ours, and mmdebstrap's own work folders (it cleans them up itself when stopped with SIGTERM).
const tmpBaseDirs = () =>
  fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('mips-port-base-') || d.startsWith('mmdebstrap.'));

describe('Debian base tier', { skip }, () => {
  let reg: RunningRegistry;
  let baseTag: string;
  let firstDigest: string | undefined;
  let secondBase: ReturnType<typeof createBase> | undefined;
  let tls: PrivateCaServer | undefined;
  const tags: string[] = [];

  before(async () => {
    reg = await startRegistry();
    baseTag = `${reg.host}/library/cke/debian-mips64el:bookworm`;
    tags.push(baseTag);
  });
  after(async () => {
    await secondBase;
    await tls?.close();
    for (const t of tags) spawnSync('docker', ['image', 'rm', '-f', t]);
    await reg?.stop();
  });

  test('creates a bookworm minbase for mips64el, verifies it and pushes it', { timeout: 600000 }, async () => {
    // The reproducibility check's second bootstrap, with the same inputs, is judged by the third test. It starts
    // now, beside this one: a bootstrap is one dpkg at a time under QEMU (one core), so on a 2-core CI machine
    // the second core would otherwise idle here and the second bootstrap would take CPU from the ports' builds.
    const again = `${reg.host}/library/cke/debian-mips64el:bookworm-again`;
    tags.push(again);
    secondBase = detectBuilder('auto').then((builder) =>
      createBase({
        target: mips,
        suite: 'bookworm',
        variant: 'minbase',
        packages: [],
        tag: again,
        push: false,
        sourceDateEpoch: EPOCH,
        builder,
      }).catch((e: unknown) => ({ ok: false, summary: String(e) }) as Awaited<ReturnType<typeof createBase>>),
    );
    const stages: string[] = [];
    const r = await createBase({
      target: mips,
      suite: 'bookworm',
      variant: 'minbase',
      packages: [],
      tag: baseTag,
      push: true,
      sourceDateEpoch: EPOCH,
      builder: await detectBuilder('auto'),
      onStage: (s) => stages.push(s),
    });
    assert.ok(r.ok, r.summary);
    assert.deepEqual(stages, ['bootstrap', 'image', 'verify', 'push']);
    assert.match(r.summary, /linux\/mips64le, uname -m = mips64, Debian 12\.\d+/);
    firstDigest = r.layerDigest;
    const inspect = spawnSync('docker', ['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', baseTag], {
      encoding: 'utf8',
    });
    assert.equal(inspect.stdout.trim(), 'linux/mips64le');
    // merged /usr came from mmdebstrap's hook, not from usrmerge and the ~48 MB of Perl it pulls in
    const listed = spawnSync(
      'docker',
      ['run', '--rm', '--platform', 'linux/mips64le', baseTag, 'dpkg-query', '-W', '-f', '${Package}\\n'],
      { encoding: 'utf8', timeout: 120000 },
    );
    assert.equal(listed.status, 0, listed.stderr);
    const installed = listed.stdout.split('\n');
    assert.ok(installed.includes('usr-is-merged'), listed.stdout);
    for (const p of ['usrmerge', 'perl', 'libfile-find-rule-perl'])
      assert.ok(!installed.includes(p), `${p} is in the base: ${listed.stdout}`);
    const merged = spawnSync('docker', ['run', '--rm', '--platform', 'linux/mips64le', baseTag, 'readlink', '/bin'], {
      encoding: 'utf8',
      timeout: 120000,
    });
    assert.equal(merged.stdout.trim(), 'usr/bin');
  });

  test(
    'five kinds of Alpine Dockerfile, ported through the mirror template with port --write, build and their programs start',
    { timeout: 900000 },
    async () => {
      const template = `${reg.host}/library/cke/{repository}-{debianArch}:{tag}`;
      const ws = tempDir('mips-port-ported-');
      const write = (dir: string, files: Record<string, string>) => {
        fs.mkdirSync(path.join(ws, dir), { recursive: true });
        for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(ws, dir, n), t, { mode: 0o755 });
      };
      // a daemon with an entrypoint script and its own user, in a group only Alpine's base has, started
      // through tini by its Alpine path; the script alone names another such group and calls su-exec
      write('resolver', {
        Dockerfile: [
          'FROM alpine:3.18',
          'RUN apk add --no-cache dnsmasq su-exec tini \\',
          ' && addgroup -S resolver && adduser -S -D -H -G resolver -s /sbin/nologin resolver \\',
          ' && adduser resolver wheel \\',
          ' && mkdir -p /var/lib/resolver && chown resolver:wheel /var/lib/resolver',
          'COPY docker-entrypoint.sh /usr/local/bin/',
          'ENTRYPOINT ["/sbin/tini", "--", "docker-entrypoint.sh"]',
          'CMD ["dnsmasq", "--keep-in-foreground", "--log-facility=-", "--user=resolver", "--group=resolver", "--port=5353", "--no-resolv", "--no-hosts"]',
          '',
        ].join('\n'),
        'docker-entrypoint.sh': [
          '#!/bin/sh',
          'set -e',
          'chown -R resolver:wheel /var/lib/resolver',
          'su-exec resolver:ntp touch /var/lib/resolver/ready',
          'exec "$@"',
          '',
        ].join('\n'),
      });
      // build dependencies installed under --virtual and purged by name in the same RUN
      write('fetched', {
        Dockerfile: [
          'FROM alpine:3.18',
          'COPY greet.tar.xz Makefile /src/',
          'RUN apk add --no-cache --virtual .build-deps make xz \\',
          ' && cd /src && tar -xJf greet.tar.xz && make install \\',
          ' && apk del .build-deps && rm -rf /src',
          'CMD ["greet"]',
          '',
        ].join('\n'),
        Makefile: 'install:\n\tinstall -m 755 greet /usr/local/bin/greet\n',
      });
      const src = tempDir('mips-port-greet-');
      fs.writeFileSync(path.join(src, 'greet'), '#!/bin/sh\necho "greet: hello from $(uname -m)"\n', { mode: 0o755 });
      assert.equal(spawnSync('tar', ['-cJf', path.join(ws, 'fetched', 'greet.tar.xz'), '-C', src, 'greet']).status, 0);
      // programs asked for by path (apk's cmd:), run as Alpine's nobody:nobody
      write('tools', {
        Dockerfile: [
          'FROM alpine:3.18',
          'RUN apk add --no-cache cmd:ps cmd:ip',
          'USER nobody:nobody',
          'CMD ["ps", "-e", "-o", "user,comm"]',
          '',
        ].join('\n'),
      });
      // vimagick-style daemon: the package's own account, named only in the ENTRYPOINT's options
      write('dnsmasq', {
        Dockerfile: [
          'FROM alpine:3.18',
          'RUN apk add --no-cache dnsmasq',
          'EXPOSE 5353/udp',
          'ENTRYPOINT ["dnsmasq", "--keep-in-foreground", "--log-facility=-", "--user=dnsmasq", "--group=dnsmasq", "--port=5353", "--no-resolv", "--no-hosts"]',
          '',
        ].join('\n'),
      });
      // a download with curl over https after two dispatches by uname -m: one already has the target's branch,
      // the other has none and exits on the rest (the port adds the branch). The server is on docker's bridge
      // (build containers reach it without the host network's TLS interception) with a certificate of a CA
      // made here, which the image trusts only as a user would install it: ca-certificates (Alpine's curl
      // brings it, Debian's does not: the port adds it) and the CA in /usr/local/share/ca-certificates
      tls = await startPrivateCaServer(tempDir('mips-port-ca-'), {
        '/release': 'Origin: the private-CA server\n',
      });
      // Named to sort first: build --all starts independent images in name order, and this one is the longest
      // chain (ca-certificates' maintainer scripts and update-ca-certificates run ~1,000 short processes under
      // QEMU: over half of the five ports' CPU). Started last of three, it kept the run waiting ~40 s on one core.
      write('curl-release', {
        Dockerfile: [
          'FROM alpine:3.18',
          'RUN apk add --no-cache curl',
          'COPY private-ca.crt /usr/local/share/ca-certificates/private-ca.crt',
          'RUN update-ca-certificates',
          'RUN case "$(uname -m)" in \\',
          '      x86_64|aarch64|mips64) uname -m > /arch ;; \\',
          '      *) echo "unsupported architecture: $(uname -m)" >&2; exit 1 ;; \\',
          '    esac',
          'RUN case "$(uname -m)" in \\',
          '      x86_64) arch=x86_64 ;; \\',
          '      aarch64) arch=aarch64 ;; \\',
          '      *) echo "unsupported architecture: $(uname -m)" >&2; exit 1 ;; \\',
          '    esac \\',
          ` && curl -fsS ${tls.origin}/release -o "/release.$arch"`,
          'CMD ["sh", "-c", "echo \\"arch $(cat /arch), $(ls /release.*): $(grep ^Origin: /release.*)\\""]',
          '',
        ].join('\n'),
        'private-ca.crt': tls.caPem,
      });
      for (const dir of ['resolver', 'fetched', 'tools', 'dnsmasq', 'curl-release']) {
        const file = path.join(ws, dir, 'Dockerfile');
        const ported = await cli([
          'port',
          file,
          '--write',
          '--mirror-template',
          template,
          '--insecure',
          reg.host,
          '--no-cache',
          '--timeout',
          '5',
        ]);
        assert.equal(ported.code, 0, `${dir}: ${ported.stdout}${ported.stderr}`);
        const text = fs.readFileSync(file, 'utf8');
        assert.match(text, new RegExp(`^FROM ${baseTag.replace(/[.]/g, '\\.')}$`, 'm'), text);
        assert.doesNotMatch(text, /\bapk\b|check package name/, text);
      }
      const dnsmasqText = fs.readFileSync(path.join(ws, 'dnsmasq', 'Dockerfile'), 'utf8');
      assert.match(dnsmasqText, /groupadd -f --system dnsmasq/, dnsmasqText);
      const releaseText = fs.readFileSync(path.join(ws, 'curl-release', 'Dockerfile'), 'utf8');
      assert.match(releaseText, /aarch64\) arch=aarch64 ;; \\\n {6}mips64\) arch=mips64 ;;/, releaseText);
      // the https download made the port install ca-certificates with curl (update-ca-certificates is its)
      assert.match(
        releaseText,
        /^RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates\b/m,
      );
      const tpl = `${reg.host}/ported/{name}:{tag}-{arch}`;
      for (const n of ['resolver', 'fetched', 'tools', 'dnsmasq', 'curl-release'])
        tags.push(`${reg.host}/ported/${n}:latest-mips64le`);
      const r = await cli(['build', '--all', ws, '--tag-template', tpl, '--keep-going', '--start-seconds', '5']);
      const out = r.stdout + r.stderr;
      assert.equal(r.code, 0, out.slice(-4000));
      // each program itself started: the daemon is serving, the others ran and said so
      assert.match(
        out,
        /resolver:latest-mips64le, linux\/mips64le, uname -m = mips64, its program was still running after 5 s \(last output: dnsmasq\[\d+\]: /,
      );
      assert.match(out, /dnsmasq\[\d+\]: started, version/);
      assert.match(
        out,
        /fetched:latest-mips64le, .*its program ran and exited 0 \(last output: greet: hello from mips64\)/,
      );
      assert.match(out, /tools:latest-mips64le, .*its program ran and exited 0 \(last output: nobody +ps\)/);
      // the package's dnsmasq:dnsmasq exists: the daemon dropped to it instead of dying on an unknown user
      assert.match(
        out,
        /dnsmasq:latest-mips64le, linux\/mips64le, uname -m = mips64, its program was still running after 5 s/,
      );
      assert.doesNotMatch(out, /unknown user or group/);
      // the kept branch and the added one both ran
      assert.match(
        out,
        /curl-release:latest-mips64le, .*its program ran and exited 0 \(last output: arch mips64, \/release\.mips64: Origin: the private-CA server\)/,
      );
      // the file came over https from the server itself (one request: the build under QEMU)
      assert.deepEqual(tls.requests, ['/release']);
    },
  );

  test('the same inputs give the same layer digest', { timeout: 600000 }, async () => {
    // awaited first: a second bootstrap still running would be taken for one the cancel test left behind
    const r = await secondBase;
    assert.ok(firstDigest && r, 'needs the first base');
    assert.ok(r.ok, r.summary);
    assert.equal(r.layerDigest, firstDigest);
  });

  test('cancelling mid-way leaves no temp folder and no image', { timeout: 120000 }, async () => {
    const tag = `${reg.host}/library/cke/debian-mips64el:cancelled`;
    const before = new Set(tmpBaseDirs());
    const ac = new AbortController();
    const p = createBase({
      target: mips,
      suite: 'bookworm',
      variant: 'minbase',
      packages: [],
      tag,
      push: false,
      builder: await detectBuilder('auto'),
      signal: ac.signal,
      onStage: (s) => {
        if (s === 'bootstrap') setTimeout(() => ac.abort(), 3000);
      },
    });
    const r = await p;
    assert.ok(r.cancelled, r.summary);
    assert.deepEqual(
      tmpBaseDirs().filter((d) => !before.has(d)),
      [],
    );
    assert.notEqual(spawnSync('docker', ['image', 'inspect', tag]).status, 0);
    // Zombies do not count: they hold nothing, and an init that never reaps keeps them.
    const live = spawnSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((l) => /mmdebstrap/.test(l) && !/^\s*Z/.test(l));
    assert.deepEqual(live, [], 'mmdebstrap processes outlived the cancel');
  });
});
