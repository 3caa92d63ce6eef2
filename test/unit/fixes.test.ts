import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { packageNames, mapPackage } from '../../server/src/core/fixes/packageNames';
import { applyChanges, translatePackageCommands } from '../../server/src/core/fixes/packageCommands';
import { applyEdits, preferredEdits } from '../../server/src/core/fixes/editText';
import { analyse, fullText } from '../helpers/engine';
import { REPO_ROOT } from '../helpers/paths';

const tr = (src: string, family: 'apk' | 'rpm' = 'apk') => {
  const t = translatePackageCommands(src, { from: 0, to: src.length, family });
  return { out: applyChanges(src, t.changes), notes: t.notes, unknown: t.unknown };
};

test('the package map has at least 80 Alpine rows with Debian-shaped names, and the documented ones', () => {
  const t = packageNames();
  assert.ok(Object.keys(t.apk).length >= 80);
  for (const [k, v] of [...Object.entries(t.apk), ...Object.entries(t.rpm)]) {
    for (const n of v) assert.match(n, /^[a-z0-9][a-z0-9+.-]+$/, `${k} -> ${n}`);
    if (v.length === 0) assert.ok(t.dropped[k], `${k} is dropped without a note`);
  }
  const expect: [string, string[]][] = [
    ['build-base', ['build-essential']],
    ['bind-tools', ['dnsutils']],
    ['openssl-dev', ['libssl-dev']],
    ['musl-dev', ['libc6-dev']],
    ['linux-headers', ['linux-libc-dev']],
    ['py3-pip', ['python3-pip']],
  ];
  for (const [a, d] of expect) assert.deepEqual(mapPackage('apk', a), { kind: 'mapped', names: d });
  assert.equal(mapPackage('apk', 'libc6-compat').kind, 'dropped');
  assert.equal(mapPackage('apk', 'no-such-pkg').kind, 'unknown');
});

test('apk add in all its forms becomes apt-get install with the lists cleaned', () => {
  assert.equal(
    tr('apk add --no-cache curl bind-tools').out,
    'apt-get update && apt-get install -y --no-install-recommends curl dnsutils && rm -rf /var/lib/apt/lists/*',
  );
  assert.equal(
    tr('apk --no-cache add curl').out,
    'apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
  );
  assert.equal(
    tr('/sbin/apk add -U --repository http://x/edge curl').out,
    'apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
  );
  assert.equal(tr('apk update && apk upgrade').out, 'apt-get update && apt-get upgrade -y');
});

test('--virtual groups are purged by apk del, Essential packages are kept', () => {
  const r = tr('apk add --virtual .build-deps build-base openssl-dev tar && make && apk del .build-deps');
  assert.equal(
    r.out,
    'apt-get update && apt-get install -y --no-install-recommends build-essential libssl-dev tar && rm -rf /var/lib/apt/lists/* && make && apt-get purge -y --auto-remove build-essential libssl-dev',
  );
  assert.ok(r.notes.some((n) => /not purging tar/.test(n)));
});

test('continuations, ; chains and heredocs keep their structure; dropped packages leave no empty lines', () => {
  const src = 'apk add --no-cache \\\n    curl \\\n    libc6-compat \\\n    git; echo done';
  const r = tr(src);
  assert.equal(
    r.out,
    'apt-get update && apt-get install -y --no-install-recommends \\\n    curl \\\n    git && rm -rf /var/lib/apt/lists/*; echo done',
  );
  assert.ok(r.notes.some((n) => /dropped libc6-compat/.test(n)));
  const heredoc = '<<EOF\nset -e\napk add curl\necho ok\nEOF';
  assert.equal(
    tr(heredoc).out,
    '<<EOF\nset -e\napt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\necho ok\nEOF',
  );
});

test('version pins are dropped with a note; unknown packages keep their name with a check note', () => {
  const r = tr('apk add curl=8.0.1-r0 frobnicator');
  assert.equal(
    r.out,
    'apt-get update && apt-get install -y --no-install-recommends curl frobnicator && rm -rf /var/lib/apt/lists/*',
  );
  assert.ok(r.notes.some((n) => /version pin curl=8\.0\.1-r0/.test(n)));
  assert.ok(r.notes.some((n) => /check package name: frobnicator/.test(n)));
  assert.deepEqual(r.unknown, ['frobnicator']);
  assert.equal(tr('apk add libc6-compat').out, 'true');
});

test("Alpine programs Debian ships elsewhere or not at all stay callable where Alpine's scripts call them", () => {
  const out = tr('apk add --no-cache su-exec tini=0.19.0-r1 && su-exec nobody true').out;
  const m =
    /^apt-get update && apt-get install -y --no-install-recommends tini && (printf .*) > \/sbin\/su-exec && chmod 755 \/sbin\/su-exec && ln -sf \/usr\/bin\/tini \/sbin\/tini && rm -rf \/var\/lib\/apt\/lists\/\* && su-exec nobody true$/.exec(
      out,
    );
  assert.ok(m, out);
  // the su-exec it writes is a shell script sh accepts, over setpriv (util-linux, Essential on Debian)
  const script = spawnSync('sh', ['-c', m[1]], { encoding: 'utf8' }).stdout;
  assert.match(script, /^#!\/bin\/sh\n[^]*exec env HOME="\$\{home:-\/\}" setpriv --reuid="\$uid" --regid="\$gid"/);
  assert.equal(spawnSync('sh', ['-n', '-c', script]).status, 0);
  // su-exec alone installs nothing: only the script is written
  assert.match(
    tr('apk add --no-cache su-exec').out,
    /^printf '%s\\n' '#!\/bin\/sh' .* > \/sbin\/su-exec && chmod 755 \/sbin\/su-exec$/,
  );
  // packages whose programs keep their paths get nothing extra
  assert.doesNotMatch(tr('apk add --no-cache dumb-init curl').out, /ln -sf|printf/);
});

test('busybox adduser/addgroup become useradd/groupadd/usermod', () => {
  assert.equal(tr('adduser -D -u 1000 app').out, 'useradd --uid 1000 --create-home app');
  assert.equal(
    tr('adduser -S -D -H -h /srv -s /bin/sh -G web web').out,
    'useradd --system --no-create-home --home-dir /srv --shell /bin/sh --gid web web',
  );
  assert.equal(tr('adduser app wheel').out, 'usermod -a -G wheel app');
  assert.equal(tr('addgroup -S -g 101 nginx').out, 'groupadd --system --gid 101 nginx');
  assert.equal(tr('addgroup app nginx').out, 'usermod -a -G nginx app');
});

test('dnf, yum and microdnf become apt-get', () => {
  assert.equal(
    tr('microdnf install -y --nodocs bind-utils gcc-c++ && microdnf clean all', 'rpm').out,
    'apt-get update && apt-get install -y --no-install-recommends dnsutils g++ && apt-get clean && rm -rf /var/lib/apt/lists/*',
  );
  assert.equal(tr('yum -y install epel-release', 'rpm').out, 'true');
  assert.equal(tr('dnf remove -y procps-ng', 'rpm').out, 'apt-get purge -y --auto-remove procps');
});

test('ranking prefers a frozen tag that still serves the arch, same version first', () => {
  const a = analyse('FROM debian:bookworm-slim\nFROM nginx:1.24-alpine\n');
  const [deb, nginx] = a.findings.filter((f) => f.ruleId === 'MP101');
  assert.equal(deb.suggestions[0].image, 'docker.io/library/debian:bookworm-20260713-slim');
  assert.match(deb.suggestions[0].reason, /frozen since/);
  assert.equal(nginx.suggestions[0].image, 'docker.io/library/nginx:1.24');
});

test('the FROM fix keeps --platform and AS, or changes the ARG default the FROM uses', () => {
  const a = analyse('FROM --platform=$TARGETPLATFORM alpine:3.12 AS base\nRUN apk add curl\n');
  const fix = a.findings.find((f) => f.ruleId === 'MP101')?.fixes?.[0];
  assert.ok(fix?.isPreferred);
  const out = applyEdits('FROM --platform=$TARGETPLATFORM alpine:3.12 AS base\nRUN apk add curl\n', fix.edits);
  assert.match(
    out,
    /^FROM --platform=\$TARGETPLATFORM debian:bookworm-\d{8}-slim AS base\nRUN apt-get update && apt-get install -y --no-install-recommends curl/,
  );
  const viaArg = 'ARG BASEIMAGE=alpine:3.12\nFROM $BASEIMAGE\nRUN apk add curl\n';
  const b = analyse(viaArg);
  const out2 = applyEdits(viaArg, b.findings.find((f) => f.ruleId === 'MP101')!.fixes![0].edits);
  assert.match(out2, /^ARG BASEIMAGE=debian:bookworm-\d{8}-slim\nFROM \$BASEIMAGE\n/);
  const pinned = analyse('FROM alpine:3.12@sha256:' + 'a'.repeat(64) + '\n');
  assert.match(pinned.findings.find((f) => f.ruleId === 'MP101')!.fixes![0].title, /drops the digest pin/);
});

test('arch hard-coding rules: GOARCH, download URLs, x86 paths and flags', () => {
  const text =
    'FROM golang:1.21 AS b\nENV GOARCH=amd64\nRUN GOARCH=amd64 go build . && curl -LO https://github.com/x/y/releases/download/v1/y-linux-amd64.tar.gz\nRUN dpkg --add-architecture amd64 && cp /usr/lib/x86_64-linux-gnu/libz.so /out && gcc -m64 -march=x86-64 a.c\nADD https://example.com/tool_x86_64.zip /tmp/\n';
  const a = analyse(text);
  const ids = a.findings.map((f) => f.ruleId);
  assert.equal(ids.filter((i) => i === 'MP120').length, 2);
  assert.equal(ids.filter((i) => i === 'MP121').length, 2);
  assert.equal(ids.filter((i) => i === 'MP122').length, 4);
  const goarch = a.findings.find((f) => f.ruleId === 'MP120')!;
  const fixed = applyEdits(text, goarch.fixes![0].edits);
  assert.match(fixed, /FROM golang:1\.21 AS b\nARG TARGETARCH\nENV GOARCH=\$\{TARGETARCH\}/);
  const x86 = a.findings.find((f) => f.ruleId === 'MP121' && /x86_64/.test(f.message));
  assert.deepEqual(x86?.fixes, [], 'no fix where the project does not use Go naming');
  assert.match(fullText(x86), /mips64el/);
  assert.equal(
    analyse('FROM golang:1.21\nENV GOARCH=amd64\n', { platform: 'linux/amd64' }).findings.filter(
      (f) => f.ruleId === 'MP120',
    ).length,
    0,
  );
});

test('the platform-pin fix drops the flag or uses $BUILDPLATFORM', () => {
  const text = 'FROM --platform=linux/amd64 debian:bookworm-20260713-slim AS x\n';
  const f = analyse(text).findings.find((x) => x.ruleId === 'MP105')!;
  assert.equal(applyEdits(text, f.fixes![0].edits), 'FROM debian:bookworm-20260713-slim AS x\n');
  assert.equal(
    applyEdits(text, f.fixes![1].edits),
    'FROM --platform=$BUILDPLATFORM debian:bookworm-20260713-slim AS x\n',
  );
});

test('# mips-port: ignore silences a rule on the next line', () => {
  assert.ok(!analyse('# mips-port: ignore MP101\nFROM alpine:3.10\n').findings.some((f) => f.ruleId === 'MP101'));
  assert.ok(analyse('# mips-port: ignore MP102\nFROM alpine:3.10\n').findings.some((f) => f.ruleId === 'MP101'));
  assert.ok(!analyse('# mips-port: ignore\nFROM alpine:3.10\n').findings.some((f) => f.ruleId === 'MP101'));
});

test('check-package notes left by a port are warnings until removed', () => {
  const a = analyse(
    'FROM debian:bookworm-20260713-slim\n# mips-port: check package name: frobnicator (x)\nRUN apt-get install -y frobnicator\n',
  );
  const w = a.findings.find((f) => f.ruleId === 'MP123');
  assert.equal(w?.severity, 'warning');
  assert.match(w!.message, /frobnicator/);
});

const fixtureDockerfiles = (): string[] => {
  const dirs = [path.join(REPO_ROOT, 'examples')];
  const out: string[] = [];
  for (const d of dirs)
    for (const e of fs.readdirSync(d)) {
      const f = path.join(d, e, 'Dockerfile');
      if (fs.existsSync(f)) out.push(f);
    }
  return out;
};

test('every fix leaves a Dockerfile that parses, without the fixed finding and without new errors', () => {
  const extra = [
    'FROM alpine:3.12\nRUN apk add --no-cache build-base && adduser -D app\nSHELL ["/bin/ash", "-c"]\n',
    'FROM --platform=linux/amd64 nginx:1.24-alpine AS w\nENV GOARCH=amd64\n',
    'ARG B=alpine:3.12\nFROM ${B}\nRUN apk add curl\n',
  ];
  const texts = [...fixtureDockerfiles().map((f) => fs.readFileSync(f, 'utf8')), ...extra];
  let checked = 0;
  for (const text of texts) {
    const before = analyse(text);
    const errorsBefore = before.findings.filter((f) => f.severity === 'error').length;
    for (const f of before.findings) {
      for (const fix of f.fixes ?? []) {
        if (fix.edits.length === 0) {
          assert.ok(fix.command, `${fix.title}: a fix with no edits runs a command`);
          continue;
        }
        const after = applyEdits(text, fix.edits);
        assert.doesNotThrow(() => DockerfileParser.parse(after));
        const a = analyse(after);
        assert.ok(
          !a.findings.some((x) => x.ruleId === f.ruleId && x.message === f.message),
          `${fix.title} left ${f.ruleId}`,
        );
        assert.ok(
          a.findings.filter((x) => x.severity === 'error').length <= errorsBefore,
          `${fix.title} added an error:\n${after}`,
        );
        checked++;
      }
    }
  }
  assert.ok(checked >= 15, `only ${checked} fixes checked`);
});

test('golden: porting each example gives the reviewed result', () => {
  for (const f of fixtureDockerfiles()) {
    const name = path.basename(path.dirname(f));
    const text = fs.readFileSync(f, 'utf8');
    const { edits } = preferredEdits(analyse(text).findings);
    const expected = fs.readFileSync(path.join(REPO_ROOT, 'test', 'golden', `${name}.Dockerfile`), 'utf8');
    assert.equal(applyEdits(text, edits), expected, name);
  }
});

test('Alpine leftovers are ported: apk config edits, OpenRC, ash, nobody:nobody, update-ca-certificates; one update per RUN', () => {
  const text = [
    'FROM alpine:3.18',
    'RUN echo "https://dl-cdn.alpinelinux.org/alpine/edge/testing" >> /etc/apk/repositories \\',
    ' && apk update && apk add --no-cache curl && apk add --no-cache jq \\',
    ' && update-ca-certificates && rc-update add sshd default && ash -c "echo ok"',
    'COPY --chown=nobody:nobody app /app',
    'USER nobody:nobody',
  ].join('\n');
  const a = analyse(text);
  const ported = applyEdits(text, preferredEdits(a.findings).edits);
  const run = ported
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
  assert.equal((run.match(/apt-get update/g) ?? []).length, 1, run);
  assert.equal((run.match(/rm -rf \/var\/lib\/apt\/lists/g) ?? []).length, 1, run);
  assert.match(
    run,
    /apt-get install -y --no-install-recommends jq ca-certificates && rm -rf \/var\/lib\/apt\/lists\/\*/,
  );
  assert.ok(!/\/etc\/apk|rc-update|\bash -c/.test(run.replace(/bash -c/g, '')), run);
  assert.match(run, /bash -c "echo ok"/);
  assert.match(ported, /COPY --chown=nobody:nogroup app/);
  assert.match(ported, /USER nobody:nogroup/);
  assert.match(ported, /# mips-port: dropped an edit of Alpine's apk configuration/);
  assert.match(ported, /# mips-port: dropped rc-update/);
});

test('shell splitting advances over every kind of blank and stray character (no hang, no heap blow-up)', () => {
  for (const odd of ['\u2028', '\u00a0', '\v', '\f', '\u3000', '\ufeff', '\\\r', '\\\rx', '\u2029', '\u0085']) {
    const text = `FROM alpine:3.18\nRUN apk add${odd}curl && echo${odd}x\n`;
    const a = analyse(text);
    assert.ok(a.findings.length > 0, JSON.stringify(odd));
    const ported = applyEdits(text, preferredEdits(a.findings).edits);
    assert.ok(ported.length < 2000, JSON.stringify(odd));
  }
  for (const from of ['debian:bookworm', 'ubuntu:22.04', 'fedora:39']) {
    assert.ok(analyse(`FROM ${from}\nRUN a\u2028b\u00a0c\vd\fe\u3000f\ufeffg\n`).findings.length >= 0);
  }
});

test('a Dockerfile with # escape=` is ported with its own continuations, and still parses the same way', () => {
  const text = [
    '# escape=`',
    'FROM alpine:3.18',
    'RUN apk add --no-cache curl `',
    '    bash && `',
    '    addgroup -S app && adduser -S app -G app',
    'COPY x C:\\x',
  ].join('\n');
  const a = analyse(text);
  const ported = applyEdits(text, preferredEdits(a.findings).edits);
  assert.doesNotMatch(ported, /check package name: `/);
  assert.match(
    ported,
    /apt-get install -y --no-install-recommends curl `\n {4}bash && rm -rf \/var\/lib\/apt\/lists\/\* && `\n/,
  );
  assert.match(ported, /groupadd --system app && useradd --system --gid app/);
  assert.doesNotMatch(ported, /\\\n/);
  // the RUN is still one instruction for a parser that honours the directive
  const runs = DockerfileParser.parse(ported)
    .getInstructions()
    .filter((i) => i.getKeyword() === 'RUN');
  assert.equal(runs.length, 1);
});

test('users Alpine packages create under another Debian name are renamed where the stage names them (stunnel -> stunnel4)', () => {
  const text = [
    'FROM alpine:3.18',
    'RUN apk add --no-cache stunnel \\',
    ' && mkdir -p /run/stunnel && chown -R stunnel:stunnel /run/stunnel',
    'COPY --chown=stunnel:stunnel stunnel.conf /etc/stunnel/',
    'USER stunnel',
    'FROM alpine:3.18 AS other',
    'USER stunnel',
  ].join('\n');
  const a = analyse(text);
  const ported = applyEdits(text, preferredEdits(a.findings).edits);
  assert.match(ported, /chown -R stunnel4:stunnel4 \/run\/stunnel/);
  assert.match(ported, /mkdir -p \/run\/stunnel /);
  assert.match(ported, /COPY --chown=stunnel4:stunnel4 stunnel\.conf/);
  const users = ported.split('\n').filter((l) => l.startsWith('USER'));
  // the second stage installs nothing: its user is left as written
  assert.deepEqual(users, ['USER stunnel4', 'USER stunnel']);
});

test("accounts Alpine's base has and Debian's lacks (wheel, ntp) are created before the first instruction naming them", () => {
  const text = [
    'FROM alpine:3.18',
    'RUN apk add --no-cache dnsmasq \\',
    ' && addgroup -S resolver && adduser -S -D -H -G resolver resolver \\',
    ' && adduser resolver wheel && chown resolver:wheel /var/lib/misc',
    'COPY --chown=ntp:ntp ntp.conf /etc/',
    'USER resolver',
  ].join('\n');
  const ported = applyEdits(text, preferredEdits(analyse(text).findings).edits);
  const lines = ported.split('\n');
  const made = lines.findIndex((l) => l.startsWith('RUN groupadd -f --system wheel'));
  const named = lines.findIndex((l) => /usermod -a -G wheel resolver/.test(l));
  assert.ok(made >= 0 && made < named, ported);
  assert.match(ported, /groupadd -f --system ntp/);
  assert.match(ported, /useradd --system --no-create-home --gid ntp --shell \/usr\/sbin\/nologin ntp/);
  // what the stage creates itself (resolver) is left to it
  assert.doesNotMatch(ported, /groupadd -f --system resolver/);
  // busybox's `adduser USER GROUP` alone names the group
  const sudo = 'FROM alpine:3.18\nRUN apk add --no-cache sudo && adduser -D app && adduser app wheel\nUSER app\n';
  const sudoPorted = applyEdits(sudo, preferredEdits(analyse(sudo).findings).edits);
  assert.ok(
    sudoPorted.indexOf('groupadd -f --system wheel') >= 0 &&
      sudoPorted.indexOf('groupadd -f --system wheel') < sudoPorted.indexOf('usermod -a -G wheel app'),
    sudoPorted,
  );
  // a Debian base already has these: nothing is added
  const plain = 'FROM alpine:3.18\nRUN apk add --no-cache curl && chown nobody:daemon /srv\nUSER daemon\n';
  assert.doesNotMatch(applyEdits(plain, preferredEdits(analyse(plain).findings).edits), /groupadd -f/);
});

test("accounts Alpine's packages create are created after the install, idempotently (dnsmasq, stunnel, squid)", () => {
  // vimagick/dnsmasq-style: the daemon switches to the account the Alpine package made
  const text = [
    'FROM alpine:3.18',
    'RUN apk add --no-cache dnsmasq-dnssec=2.90-r0 tini',
    'ENTRYPOINT ["/sbin/tini", "--", "dnsmasq", "-k", "--user=dnsmasq", "--group=dnsmasq"]',
  ].join('\n');
  const ported = applyEdits(text, preferredEdits(analyse(text).findings).edits);
  const run = ported.split('\n').find((l) => l.startsWith('RUN'))!;
  const install = run.indexOf('apt-get install');
  const group = run.indexOf('groupadd -f --system dnsmasq');
  const user = run.indexOf(
    '(id -u dnsmasq >/dev/null 2>&1 && usermod -a -G dnsmasq dnsmasq' +
      ' || useradd --system --no-create-home --home-dir /dev/null --gid dnsmasq --shell /bin/false dnsmasq)',
  );
  assert.ok(install >= 0 && install < group && group < user, run);
  assert.ok(user < run.indexOf('rm -rf /var/lib/apt/lists'), run);
  assert.match(ported, /ENTRYPOINT \["\/sbin\/tini", "--", "dnsmasq", "-k", "--user=dnsmasq", "--group=dnsmasq"\]/);
  // Alpine's /sbin/nologin is /usr/sbin/nologin on every Debian base; memberships only for existing users
  const squid = 'FROM alpine:3.18\nRUN apk add --no-cache stunnel squid\n';
  const s = applyEdits(squid, preferredEdits(analyse(squid).findings).edits);
  assert.match(s, /--gid stunnel --shell \/usr\/sbin\/nologin stunnel\)/);
  assert.match(s, /groupadd -f --system winbind/);
  assert.match(s, /\(! id -u squid >\/dev\/null 2>&1 \|\| usermod -a -G winbind squid\)/);
  // a stage that creates the account itself keeps doing so, and gets no second one
  const own = [
    'FROM alpine:3.18',
    'RUN apk add --no-cache redis && addgroup -S redis && adduser -S -G redis redis',
  ].join('\n');
  const o = applyEdits(own, preferredEdits(analyse(own).findings).edits);
  assert.doesNotMatch(o, /groupadd -f --system redis|id -u redis/);
  assert.match(o, /groupadd --system redis && useradd --system --gid redis/);
  // a package that creates nothing adds nothing
  const curl = 'FROM alpine:3.18\nRUN apk add --no-cache curl\n';
  assert.doesNotMatch(applyEdits(curl, preferredEdits(analyse(curl).findings).edits), /groupadd|useradd/);
});

test("the package accounts table is generated from aports' files, names its source and holds only what is used", () => {
  const file = path.join(REPO_ROOT, 'server', 'data', 'alpine-package-accounts.json');
  const t = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(t.source.repository, 'alpinelinux/aports');
  assert.deepEqual(t.packages.dnsmasq, {
    users: [{ name: 'dnsmasq', group: 'dnsmasq', home: '/dev/null', shell: '/bin/false' }],
    groups: ['dnsmasq'],
    memberships: [],
  });
  assert.deepEqual(
    t.packages.stunnel.users.map((u: { name: string }) => u.name),
    ['stunnel'],
  );
  // packages that create nothing, and the base's own accounts, are left out
  assert.equal(t.packages.curl, undefined);
  assert.equal(t.packages['alpine-baselayout-data'], undefined);
  for (const p of Object.values(t.packages) as { users: object[]; groups: string[]; memberships: string[][] }[])
    assert.ok(p.users.length + p.groups.length + p.memberships.length > 0);
});

test('ENTRYPOINT and CMD account options are read: --user=, --group=, -u, -g (not nginx -g "daemon off;")', () => {
  const text = [
    'FROM alpine:3.18',
    'RUN apk add --no-cache chrony memcached nginx',
    'CMD ["memcached", "-u", "memcached"]',
    'ENTRYPOINT ["chronyd", "-d", "-u", "chrony"]',
    'FROM alpine:3.18 AS ntp',
    'RUN apk add --no-cache tzdata',
    'CMD ntpd -d --user=ntp -g ntp',
    'FROM alpine:3.18 AS web',
    'RUN apk add --no-cache nginx',
    'CMD ["nginx", "-g", "daemon off;"]',
  ].join('\n');
  const ported = applyEdits(text, preferredEdits(analyse(text).findings).edits);
  // Debian names these package users otherwise: the option follows Debian's name
  assert.match(ported, /CMD \["memcached", "-u", "memcache"\]/);
  assert.match(ported, /ENTRYPOINT \["chronyd", "-d", "-u", "_chrony"\]/);
  assert.match(ported, /CMD \["nginx", "-g", "daemon off;"\]/);
  // ntp is an account Alpine's base has and Debian's lacks: created before the CMD names it
  const lines = ported.split('\n');
  const made = lines.findIndex((l) => l.startsWith('RUN groupadd -f --system ntp'));
  assert.ok(made >= 0 && made < lines.findIndex((l) => l.startsWith('CMD ntpd')), ported);
});

test("Alpine's rm -rf /var/cache/apk/* leaves the port (apt's lists are removed after the install)", () => {
  const text = [
    'FROM alpine:3.18',
    'RUN apk update && apk add curl && rm -rf /var/cache/apk/*',
    'RUN rm -rf /var/cache/apk/* /tmp/build',
  ].join('\n');
  const ported = applyEdits(text, preferredEdits(analyse(text).findings).edits);
  assert.doesNotMatch(ported, /\/var\/cache\/apk/);
  assert.match(ported, /rm -rf \/tmp\/build/);
  assert.match(ported, /curl && rm -rf \/var\/lib\/apt\/lists\/\* && true/);
});
