/**
 * The shared directory of the queue backend (a network filesystem or mounted object
 * storage in production; a temporary directory in tests). Layout, for a queue run `RUN`:
 *
 * - `runs/RUN/job.json`: the job (config, symbols, start time), written first; `--resume`
 *   reads it;
 * - `runs/RUN/snapshot/symbol=<SYMBOL>.parquet`: the run's input bars, one file per
 *   symbol (the final bars: date range cut, DataSanity applied), written once;
 * - `runs/RUN/manifest.json`: every partition with its rows and content hash
 *   (`hashBars`), the snapshot's hash (of every symbol and its hash) and the shards;
 *   written when the snapshot is complete, before any shard is enqueued;
 * - `results/RUN/<shard>.parquet`: a shard's outcomes, one row per symbol.
 *
 * Every file is written to a temporary name in the same directory and then renamed, so a
 * reader sees a whole file or none, and a shard computed twice leaves one result.
 *
 * @module
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { hashColumns } from "../_shared/hash.ts";
import { hashBars, makeRunId, runKey } from "../_shared/manifest.ts";
import { panelBars } from "../_shared/panel.ts";
import { type Columns, type DbEngine, openDb, sqlString } from "../data/mod.ts";
import { decodeExact, encodeExact } from "./_queue_codec.ts";
import type { Shard } from "./_universe_shard.ts";

/** What a shard of any kind returns: one outcome per symbol, in shard order. */
export interface QueueResult<O extends { readonly symbol: string }> {
  readonly id: string;
  readonly positions: readonly number[];
  readonly outcomes: readonly O[];
}

/** One symbol's file of the snapshot. */
export interface Partition {
  readonly symbol: string;
  /** Position in the universe. */
  readonly position: number;
  /** File name inside `runs/RUN/snapshot/`. */
  readonly file: string;
  readonly rows: number;
  /** `hashBars` of the bars in the file. */
  readonly hash: string;
}

/** A shard as a queue job names it: its id and its symbols' positions. */
export interface ShardSpec {
  readonly id: string;
  readonly positions: readonly number[];
  /**
   * A block of the work on these symbols (configurations `[from, to)` of an optimize
   * search); absent: all of it.
   */
  readonly block?: ShardBlock;
}

/** A range `[from, to)` of a symbol's work (e.g. of a search's configurations). */
export interface ShardBlock {
  readonly from: number;
  readonly to: number;
}

/**
 * Split `n` items into blocks of at most `size` (the last may be smaller).
 *
 * @param n Items (configurations).
 * @param size Items a block.
 * @returns The blocks, in order.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { blocksOf } from "./_queue_files.ts";
 * assert.deepEqual(blocksOf(5, 2), [{ from: 0, to: 2 }, { from: 2, to: 4 }, { from: 4, to: 5 }]);
 * ```
 */
export function blocksOf(n: number, size: number): ShardBlock[] {
  const out: ShardBlock[] = [];
  for (let from = 0; from < n; from += size) {
    out.push({ from, to: Math.min(n, from + size) });
  }
  return out;
}

/**
 * The id of a block of a shard: `<shard>.c<from>-<to>` (deterministic).
 *
 * @param shardId The shard's id.
 * @param block The block.
 * @returns The id.
 */
export function blockShardId(shardId: string, block: ShardBlock): string {
  return `${shardId}.c${block.from}-${block.to}`;
}

/** `runs/RUN/manifest.json`: the snapshot and the shards. */
export interface SnapshotManifest {
  readonly run: string;
  /** Hash of every partition's symbol and hash, in universe order. */
  readonly snapshotHash: string;
  readonly partitions: readonly Partition[];
  readonly shards: readonly ShardSpec[];
}

/** Paths of one queue run inside the shared directory. */
export interface RunPaths {
  readonly job: string;
  readonly manifest: string;
  readonly snapshot: string;
  readonly results: string;
}

/**
 * The paths of queue run `run` under `shared`.
 *
 * @param shared The shared directory.
 * @param run The queue run id.
 * @returns Its paths.
 */
export function runPaths(shared: string, run: string): RunPaths {
  const dir = join(shared, "runs", run);
  return {
    job: join(dir, "job.json"),
    manifest: join(dir, "manifest.json"),
    snapshot: join(dir, "snapshot"),
    results: join(shared, "results", run),
  };
}

/**
 * The id of a queue run: `<kind>-<start stamp>-<8 hex of the job>` (see `makeRunId`).
 *
 * @param kind What runs (`multi-symbol`).
 * @param job The job as plain JSON.
 * @param startedAt ISO instant.
 * @returns The id.
 */
export function queueRunId(
  kind: string,
  job: unknown,
  startedAt: string,
): string {
  return makeRunId(kind, startedAt, runKey(job, ""));
}

/**
 * The file name of a symbol's partition (`symbol=<name>.parquet`, the name
 * percent-encoded where a file name could not hold it).
 */
export function partitionFile(symbol: string): string {
  return `symbol=${encodeURIComponent(symbol)}.parquet`;
}

/** The file of a shard's result. */
export function resultPath(paths: RunPaths, shardId: string): string {
  return join(paths.results, `${shardId}.parquet`);
}

let tmpCounter = 0;
function tmpName(path: string): string {
  return `${path}.${
    globalThis.crypto.randomUUID().slice(0, 8)
  }.${++tmpCounter}.tmp`;
}

/** Write `text` to `path` through a temporary file and a rename. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = tmpName(path);
  await writeFile(tmp, text);
  await rename(tmp, path);
}

/** Read a JSON file, naming the file when it is missing or broken. */
export async function readJson<T>(path: string, what: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new Error(
      `Cannot read ${what} ${path}: ${(e as Error).message.split("\n")[0]}`,
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`${what} ${path} is not JSON: ${(e as Error).message}`);
  }
}

/** True when `path` exists. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** COPY `select` to `path` as Parquet, through a temporary file and a rename. */
async function copyParquet(
  db: DbEngine,
  select: string,
  path: string,
): Promise<void> {
  const tmp = tmpName(path);
  try {
    await db.exec(
      `COPY (${select}) TO ${
        sqlString(tmp)
      } (FORMAT parquet, COMPRESSION zstd)`,
    );
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * A function that runs its tasks one at a time, in call order (one connection of a
 * scratch database is shared by concurrent shards).
 */
export function serial(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const next = tail.then(fn);
    tail = next.catch(() => {});
    return next;
  };
}

/** A scratch in-memory DuckDB (native) for Parquet files. */
export function scratchDb(): Promise<DbEngine> {
  return openDb({ engine: "native", path: ":memory:" });
}

const BAR_COLUMNS = ["time", "open", "high", "low", "close", "volume"] as const;

/**
 * Write a shard's bars into the snapshot, one Parquet file per symbol.
 *
 * @param db A scratch database.
 * @param paths The run's paths.
 * @param shard The shard (final bars).
 * @returns Its partitions.
 */
export async function writeSnapshotShard(
  db: DbEngine,
  paths: RunPaths,
  shard: Shard,
): Promise<Partition[]> {
  await mkdir(paths.snapshot, { recursive: true });
  await db.exec(
    `CREATE TABLE IF NOT EXISTS snap (${
      BAR_COLUMNS.map((c) => `${c} DOUBLE`).join(", ")
    })`,
  );
  const cache = new Map<number, string>();
  const out: Partition[] = [];
  for (let i = 0; i < shard.symbols.length; i++) {
    const a = shard.offsets[i], b = shard.offsets[i + 1];
    await db.exec("DELETE FROM snap");
    await db.appendRows!(
      "snap",
      BAR_COLUMNS.map((c) => shard[c === "time" ? "times" : c].subarray(a, b)),
      b - a,
    );
    const symbol = shard.symbols[i], file = partitionFile(symbol);
    await copyParquet(
      db,
      "SELECT * FROM snap",
      join(paths.snapshot, file),
    );
    out.push({
      symbol,
      position: shard.positions[i],
      file,
      rows: b - a,
      hash: hashBars(panelBars(shard, i, cache)),
    });
  }
  return out;
}

/**
 * The hash of a whole snapshot: of every partition's symbol and hash, in order.
 *
 * @param partitions The partitions, in universe order.
 * @returns 16 hex digits.
 */
export function snapshotHash(partitions: readonly Partition[]): string {
  return hashColumns(partitions.flatMap((p) => [p.symbol, p.hash]));
}

/** A worker's refusal: the snapshot is not the one the run's manifest describes. */
export class SnapshotMismatchError extends Error {
  override name = "SnapshotMismatchError";
}

/**
 * Read a shard's partitions back into a shard, checking each against the manifest.
 *
 * @param db A scratch database.
 * @param paths The run's paths.
 * @param manifest The run's manifest.
 * @param spec The shard.
 * @returns The shard, equal to the one the coordinator wrote.
 * @throws SnapshotMismatchError when a partition's content hash is not the manifest's.
 */
export async function readSnapshotShard(
  db: DbEngine,
  paths: RunPaths,
  manifest: SnapshotManifest,
  spec: ShardSpec,
): Promise<Shard> {
  const byPos = new Map(manifest.partitions.map((p) => [p.position, p]));
  const parts = spec.positions.map((pos) => {
    const p = byPos.get(pos);
    if (!p) {
      throw new SnapshotMismatchError(
        `Shard ${spec.id} names position ${pos}, which the manifest ${paths.manifest} does not list`,
      );
    }
    return p;
  });
  const cols: Columns[] = [];
  for (const p of parts) {
    const file = join(paths.snapshot, p.file);
    try {
      cols.push(
        await db.queryColumns(
          `SELECT ${BAR_COLUMNS.join(", ")} FROM read_parquet(${
            sqlString(file)
          })`,
        ),
      );
    } catch (e) {
      throw new SnapshotMismatchError(
        `Cannot read the snapshot partition ${file}: ${
          (e as Error).message.split("\n")[0]
        }`,
      );
    }
  }
  const offsets = new Int32Array(parts.length + 1);
  cols.forEach((c, i) => offsets[i + 1] = offsets[i] + c.rows);
  const stack = (name: string) => {
    const out = new Float64Array(offsets[parts.length]);
    cols.forEach((c, i) =>
      out.set(c.columns[name] as Float64Array, offsets[i])
    );
    return out;
  };
  const shard: Shard = {
    id: spec.id,
    positions: spec.positions,
    symbols: parts.map((p) => p.symbol),
    offsets,
    times: stack("time"),
    open: stack("open"),
    high: stack("high"),
    low: stack("low"),
    close: stack("close"),
    volume: stack("volume"),
  };
  const cache = new Map<number, string>();
  parts.forEach((p, i) => {
    const hash = hashBars(panelBars(shard, i, cache));
    if (hash !== p.hash) {
      throw new SnapshotMismatchError(
        `Snapshot partition ${
          join(paths.snapshot, p.file)
        } hashes to ${hash}, the run's manifest says ${p.hash}: this is not the coordinator's snapshot (a different or changed shared directory); refusing shard ${spec.id}`,
      );
    }
  });
  return shard;
}

/**
 * Write a shard's result as Parquet (one row per symbol: position, symbol, outcome text),
 * atomically.
 *
 * @param db A scratch database.
 * @param paths The run's paths.
 * @param result The shard's result.
 * @returns The file written.
 */
export async function writeShardResult(
  db: DbEngine,
  paths: RunPaths,
  result: QueueResult<{ readonly symbol: string }>,
): Promise<string> {
  await mkdir(paths.results, { recursive: true });
  const table = `r_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
  await db.exec(
    `CREATE TEMP TABLE ${table} (position INTEGER, symbol VARCHAR, outcome VARCHAR)`,
  );
  try {
    await db.appendRows!(table, [
      Int32Array.from(result.positions),
      result.outcomes.map((o) => o.symbol),
      result.outcomes.map(encodeExact),
    ], result.outcomes.length);
    const path = resultPath(paths, result.id);
    await copyParquet(
      db,
      `SELECT * FROM ${table} ORDER BY position`,
      path,
    );
    return path;
  } finally {
    await db.exec(`DROP TABLE ${table}`);
  }
}

/**
 * Read a shard's result file.
 *
 * @param db A scratch database.
 * @param paths The run's paths.
 * @param spec The shard.
 * @returns Its result.
 */
export async function readShardResult<O extends { readonly symbol: string }>(
  db: DbEngine,
  paths: RunPaths,
  spec: ShardSpec,
): Promise<QueueResult<O>> {
  const file = resultPath(paths, spec.id);
  const c = await db.queryColumns(
    `SELECT position::DOUBLE AS position, outcome FROM read_parquet(${
      sqlString(file)
    }) ORDER BY position`,
  );
  const positions = Array.from(c.columns.position as Float64Array);
  if (positions.join() !== spec.positions.join()) {
    throw new Error(
      `Result ${file} holds positions ${
        positions.join(",")
      }, shard ${spec.id} has ${spec.positions.join(",")}`,
    );
  }
  const outcomes = (c.columns.outcome as string[]).map((t) =>
    decodeExact<O>(t)
  );
  return { id: spec.id, positions, outcomes };
}

/**
 * Every shard result of a queue run, read again one file at a time in the manifest's
 * order (a chunked merge: the caller keeps what it needs of one shard, then the next).
 *
 * @param shared The shared directory.
 * @param run The queue run id.
 * @returns The results, one shard at a time.
 */
export async function* readRunResults<O extends { readonly symbol: string }>(
  shared: string,
  run: string,
): AsyncIterable<QueueResult<O>> {
  const paths = runPaths(shared, run);
  const manifest = await readJson<SnapshotManifest>(
    paths.manifest,
    "the run's manifest",
  );
  const db = await scratchDb();
  try {
    for (const spec of manifest.shards) {
      yield await readShardResult<O>(db, paths, spec);
    }
  } finally {
    await db.close();
  }
}
