// Helpers for the runner's tests: a run result as bytes, to check that thread counts give identical results.

/** Every byte of a value (a run result), keys and numbers included (NaN and −0 as stored), in its own order. */
export function resultBytes(value: unknown): Buffer {
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'number') return Buffer.from(new Float64Array([value]).buffer);
  if (Array.isArray(value)) return Buffer.concat(value.map(resultBytes));
  if (typeof value === 'object' && value !== null) return Buffer.concat(Object.entries(value).flatMap(([key, item]) => [Buffer.from(key), resultBytes(item)]));
  return Buffer.from(String(value));
}
