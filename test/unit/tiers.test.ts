import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireService } from '../helpers/registry';

test('a tier whose service is missing fails under CI=true and skips loudly elsewhere', () => {
  const saved = process.env.CI;
  try {
    process.env.CI = 'true';
    assert.throws(
      () => requireService('docker-registry', false, 'apt-get install docker-registry'),
      /CI=true and docker-registry is not available: apt-get install docker-registry/,
    );
    assert.equal(requireService('docker-registry', true, 'x'), false);
    delete process.env.CI;
    assert.equal(
      requireService('docker-registry', false, 'apt-get install docker-registry'),
      'docker-registry is not available: apt-get install docker-registry',
    );
  } finally {
    if (saved === undefined) delete process.env.CI;
    else process.env.CI = saved;
  }
});
