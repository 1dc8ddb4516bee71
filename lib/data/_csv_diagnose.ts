/**
 * Plain-English reasons why a file is not a readable CSV or JSON (private to lib/data):
 * binary content, found in the first block before DuckDB reads the file, and, when
 * DuckDB fails to parse it, the first record whose field count differs from the header's
 * or whose quote never closes, or the first JSON syntax error (a scan of the file, on
 * that error path only).
 *
 * @module
 */
import { createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { binaryReason } from "../_shared/binary.ts";
import { jsonSyntaxError } from "../_shared/json_syntax.ts";
import { IngestError } from "../_shared/errors.ts";

const HEAD_BYTES = 64 * 1024;
const SHOWN = 80;

function shown(s: string): string {
  return s.length > SHOWN ? s.slice(0, SHOWN - 3) + "..." : s;
}

async function readHead(path: string): Promise<Uint8Array> {
  const f = await open(path, "r");
  try {
    const buf = new Uint8Array(HEAD_BYTES);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await f.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return buf.subarray(0, n);
  } finally {
    await f.close();
  }
}

/**
 * Throw an `IngestError` when the first 64 KiB of a text file are binary: a NUL byte, or
 * bytes that are not UTF-8. One short message, never the bytes themselves.
 */
export async function assertText(path: string, kind: string): Promise<void> {
  const head = await readHead(path);
  const why = binaryReason(head, head.length < HEAD_BYTES);
  if (why !== undefined) {
    throw new IngestError(
      path,
      0,
      "(file)",
      why,
      `a text ${kind} file (UTF-8)`,
    );
  }
}

/** Field count and first physical line of each CSV record, in order (quote-aware). */
async function* records(
  path: string,
): AsyncGenerator<
  { line: number; fields: number; text: string; open: boolean }
> {
  const stream = createReadStream(path);
  const dec = new TextDecoder();
  let line = 1, start = 1, fields = 1, inQuote = false, text = "";
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      for (const ch of dec.decode(chunk, { stream: true })) {
        if (ch === '"') inQuote = !inQuote;
        else if (ch === "," && !inQuote) fields++;
        else if (ch === "\n") {
          line++;
          if (!inQuote) {
            yield {
              line: start,
              fields,
              text: text.replace(/\r$/, ""),
              open: false,
            };
            start = line, fields = 1, text = "";
            continue;
          }
        }
        if (text.length <= SHOWN) text += ch;
      }
    }
  } finally {
    stream.destroy(); // also when the caller stops at the first bad record
  }
  if (inQuote || text.length > 0) {
    yield { line: start, fields, text, open: inQuote };
  }
}

/** A fault found in a CSV file: its line, the row's text (shortened) and what was expected. */
export interface CsvFault {
  readonly line: number;
  /** Where on the line, for messages (`(row)` when the whole row is at fault). */
  readonly column?: string;
  readonly value: string;
  readonly expected: string;
}

/**
 * The first fault of a CSV file DuckDB could not parse: a record with another number of
 * fields than the header, or a quote that never closes. Undefined when none is found.
 */
export async function diagnoseCsv(
  path: string,
): Promise<CsvFault | undefined> {
  let header: { fields: number; text: string } | undefined;
  for await (const r of records(path)) {
    if (r.open) {
      return {
        line: r.line,
        value: shown(r.text.split(/\r?\n/)[0]),
        expected: `a closing quote (") for the field opened on this line`,
      };
    }
    if (header === undefined) {
      header = r;
      continue;
    }
    if (r.text.trim() === "") continue;
    if (r.fields !== header.fields) {
      return {
        line: r.line,
        value: shown(r.text),
        expected: `${header.fields} comma-separated fields like the header (${
          shown(header.text)
        }); this row has ${r.fields}`,
      };
    }
  }
  return undefined;
}

/**
 * The first JSON syntax error of a bar file DuckDB could not read: as one document, or,
 * when its first line is a whole value, as one value per line (newline-delimited JSON).
 */
export async function diagnoseJson(
  path: string,
): Promise<CsvFault | undefined> {
  const text = await readFile(path, "utf8");
  const whole = jsonSyntaxError(text);
  if (whole === undefined) return undefined;
  const lines = text.split("\n");
  const perLine = jsonSyntaxError(lines[0]) === undefined && lines.length > 1;
  let at = whole;
  if (perLine) {
    const i = lines.findIndex((l) =>
      l.trim() !== "" && jsonSyntaxError(l) !== undefined
    );
    if (i < 0) return undefined;
    at = { ...jsonSyntaxError(lines[i])!, line: i + 1 };
  }
  return {
    line: at.line,
    column: `(character ${at.column})`,
    value: at.got === "the end of the file"
      ? "(end of file)"
      : JSON.parse(at.got),
    expected: `valid JSON: ${at.expected}`,
  };
}
