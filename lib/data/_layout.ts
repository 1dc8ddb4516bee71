/**
 * Recognising the column layout of a bar file from its header (private to lib/data).
 *
 * @module
 */
import { IngestError } from "../_shared/errors.ts";

/** Fields of a bar a source column can feed. */
export const FIELDS = [
  "date",
  "time",
  "open",
  "high",
  "low",
  "close",
  "adj_close",
  "volume",
  "symbol",
] as const;
/** One of {@linkcode FIELDS}. */
export type Field = typeof FIELDS[number];

/** Explicit column mapping: field -> source column name (e.g. `{ date: "Day", close: "Last" }`). */
export type ColumnMapping = Readonly<Partial<Record<Field, string>>>;

/** The recognised layout: which source column feeds each field, and the other columns. */
export interface Layout {
  /** `"yahoo"`, `"stooq"`, `"ohlcv"`, `"close-only"`, with `"+symbol"` / `"+mapping"`. */
  readonly name: string;
  readonly fields: Readonly<Partial<Record<Field, string>>>;
  /** Source columns not used by a field, with their staged (snake_case) names. */
  readonly extras: readonly {
    readonly source: string;
    readonly name: string;
  }[];
}

const ALIASES: Readonly<Record<Field, readonly string[]>> = {
  date: ["date", "datetime", "timestamp", "ts", "day"],
  time: ["time"],
  open: ["open", "o", "openprice"],
  high: ["high", "h", "highprice"],
  low: ["low", "l", "lowprice"],
  close: ["close", "c", "price", "last", "closeprice"],
  adj_close: ["adjclose", "adjustedclose"],
  volume: ["volume", "vol", "v"],
  symbol: ["symbol", "ticker", "sym"],
};

const YAHOO = "Date,Open,High,Low,Close,Adj Close,Volume";

/** `"Adj Close"` -> `"adjclose"`, `"<TICKER>"` -> `"ticker"`. */
function norm(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** A safe snake_case name for an extra column. */
function snake(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(
    /^_+|_+$/g,
    "",
  );
  return /^[a-z_]/.test(s) && !STAGED.has(s) ? s : `x_${s}`;
}

const STAGED = new Set(["line", "symbol", "ts", "ts_raw", ...FIELDS]);

function applyMapping(
  file: string,
  names: readonly string[],
  mapping: ColumnMapping,
) {
  const fields: Partial<Record<Field, string>> = {};
  for (const [field, col] of Object.entries(mapping)) {
    if (!(FIELDS as readonly string[]).includes(field)) {
      throw new TypeError(
        `Invalid mapping: expected fields among ${
          FIELDS.join(", ")
        }, got "${field}"`,
      );
    }
    const hit = names.find((n) => n === col) ??
      names.find((n) => norm(n) === norm(col ?? ""));
    if (hit === undefined) {
      throw new IngestError(
        file,
        1,
        String(col),
        names.join(","),
        `a column named "${col}" (mapping ${field}=${col})`,
      );
    }
    fields[field as Field] = hit;
  }
  return fields;
}

/**
 * Recognise the layout of a header: explicit `mapping` entries first, then the usual
 * names (case and punctuation ignored) for the other fields. A file needs a date and a
 * close column; the rest is optional.
 */
export function detectLayout(
  file: string,
  names: readonly string[],
  mapping: ColumnMapping = {},
): Layout {
  const fields = applyMapping(file, names, mapping);
  const used = new Set(Object.values(fields));
  for (const field of FIELDS) {
    if (fields[field] !== undefined) continue;
    const hit = names.find((n) =>
      !used.has(n) && ALIASES[field].includes(norm(n))
    );
    if (hit !== undefined) {
      fields[field] = hit;
      used.add(hit);
    }
  }
  if (fields.date === undefined && fields.time !== undefined) {
    fields.date = fields.time;
    delete fields.time;
  }
  for (const f of ["date", "close"] as const) {
    if (fields[f] === undefined) {
      throw new IngestError(
        file,
        1,
        f,
        names.join(","),
        `a ${f} column (e.g. ${
          f === "date"
            ? "Date, date, timestamp, <DATE>"
            : "Close, close, price, <CLOSE>"
        }) or a mapping such as --map ${f}=${f === "date" ? "Day" : "Last"}`,
      );
    }
  }
  const extras = names.filter((n) => !used.has(n)).map((n) => ({
    source: n,
    name: snake(n),
  }));
  return { name: layoutName(names, fields, mapping), fields, extras };
}

function layoutName(
  names: readonly string[],
  fields: Partial<Record<Field, string>>,
  mapping: ColumnMapping,
): string {
  let name = names.some((n) => n.startsWith("<"))
    ? "stooq"
    : names.join(",") === YAHOO
    ? "yahoo"
    : fields.open === undefined
    ? "close-only"
    : "ohlcv";
  if (fields.symbol !== undefined && name !== "stooq") name += "+symbol";
  if (Object.keys(mapping).length > 0) name += "+mapping";
  return name;
}
