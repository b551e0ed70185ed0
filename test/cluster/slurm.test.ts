// The Slurm test: test/cluster/slurm.sh starts a single-node cluster on localhost, runs a planned compare as a 4-task
// job array and checks the merge against a local run. It skips loudly where Slurm cannot be installed or started,
// and the script itself fails instead of skipping under CI=true.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('./slurm.sh', import.meta.url));
/** The script's exit code for "skipped" (as automake's test drivers use it). */
const SKIPPED = 77;

it('runs a planned compare as a Slurm job array, merged byte-identical to the local run', async (context) => {
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn('bash', [SCRIPT], { env: process.env });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (exit) => done({ code: exit, stdout, stderr }));
  });
  if (code === SKIPPED) {
    console.warn(stderr);
    context.skip();
  }
  expect(stderr + stdout, 'the output of test/cluster/slurm.sh').toMatch(/slurm test passed/);
  expect(code).toBe(0);
  console.log(stdout.trim());
}, 600_000);
