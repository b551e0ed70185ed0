// The explorer's Web Worker (bundled for the browser): runs the replications the page sends, one at a time, and
// posts each result back with its typed arrays transferred. Messages: { id, job } in; { id, result } or { id, error } out.
import { transferables } from '../core/results.js';
import { ReplicationRunner, type ReplicationJob } from './engine.js';

interface WorkerScope {
  onmessage: ((event: { data: { id: number; job: ReplicationJob } }) => void) | null;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const runner = new ReplicationRunner();

scope.onmessage = ({ data }) => {
  try {
    const result = runner.run(data.job);
    scope.postMessage({ id: data.id, result }, transferables(result));
  } catch (error) {
    scope.postMessage({ id: data.id, error: error instanceof Error ? error.message : String(error) });
  }
};
