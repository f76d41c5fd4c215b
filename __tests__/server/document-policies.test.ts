import { Worker } from 'node:worker_threads';
import { documentSecurityPolicy } from '@/lib/http/content-security-policy';
import { PolicyWorker } from '@/server/document-policies';

const page = (script: string) =>
  Buffer.from(`<!DOCTYPE html><html><head><script>${script}</script></head><body><p style="color:red">Café</p><script type="application/ld+json">{}</script></body></html>`);

describe('PolicyWorker', () => {
  let policies: PolicyWorker;
  afterEach(() => policies.close());

  it('works out on a worker thread the same policy as the serving thread would', async () => {
    const errors = jest.spyOn(console, 'error');
    policies = new PolicyWorker();
    const bodies = [page('self.__next_f.push([1,"a"])'), page('var x = "é";'), page('')];
    const answers = await Promise.all(bodies.map((body) => policies.policyOf(body)));
    expect(answers).toEqual(bodies.map((body) => documentSecurityPolicy(body.toString('utf8'))));
    expect(answers[0]).toMatch(/'unsafe-hashes' 'sha256-/);
    // Nothing fell back to this thread: the worker answered.
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  }, 30_000);

  it('falls back to the serving thread when the worker dies, for what it owed and what follows', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    // A worker that exits before answering anything.
    policies = new PolicyWorker(() => new Worker('process.exit(3)', { eval: true }));
    const body = page('alert(1)');
    expect(await policies.policyOf(body)).toBe(documentSecurityPolicy(body.toString('utf8')));
    expect(await policies.policyOf(body)).toBe(documentSecurityPolicy(body.toString('utf8')));
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});
