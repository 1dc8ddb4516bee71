/**
 * The IBKR Client Portal adapter a session config asks for (`broker.kind: "ibkr"`, or
 * `feed.kind: "poll"`, whose quotes come from the gateway), with the gateway settings
 * from the environment or `.env`, and the check that it can be used.
 *
 * @module
 */
import type { PaperConfig } from "./config.ts";
import { loadEnv } from "./env.ts";
import { IbkrBroker, ibkrSettingsFromEnv } from "./ibkr.ts";

/** True when the config needs the IBKR gateway (orders, quotes or both). */
export function needsIbkr(config: PaperConfig): boolean {
  return config.broker.kind === "ibkr" || config.feed.kind === "poll";
}

/**
 * An IBKR adapter from `IBKR_GATEWAY_URL` and `IBKR_ACCOUNT_ID` (environment, else
 * `.env`) and the config's contract ids.
 *
 * @param config The session config.
 * @returns The adapter (not yet contacted).
 * @throws Error naming the missing variables.
 */
export async function ibkrFromEnv(config: PaperConfig): Promise<IbkrBroker> {
  const env = await loadEnv();
  return new IbkrBroker({
    ...ibkrSettingsFromEnv(env),
    conids: config.broker.conids,
  });
}

/**
 * Whether the gateway the config needs can be used now: settings present, gateway
 * answering, session authenticated, and (for orders) the account one of the session's.
 * The simulated broker with a replay feed needs nothing.
 *
 * @param config The session config.
 * @returns A detail line for the checklist.
 * @throws Error saying what is missing or failing (never the account id).
 */
export async function brokerReachable(config: PaperConfig): Promise<string> {
  if (!needsIbkr(config)) {
    return `simulated broker (slippage ${config.broker.slippageBps} bps, commission ${config.broker.commissionBps} bps): nothing to reach`;
  }
  const what = config.broker.kind === "ibkr"
    ? "orders and quotes"
    : "quotes of the poll feed";
  const ib = await ibkrFromEnv(config);
  let st: Awaited<ReturnType<IbkrBroker["authStatus"]>>;
  try {
    st = await ib.authStatus();
  } catch (e) {
    throw new Error(
      `IBKR gateway unreachable (needed for ${what}): ${(e as Error).message}`,
    );
  }
  if (!st.authenticated) {
    throw new Error(
      `IBKR gateway answers but its session is not authenticated (needed for ${what}): log in to the Client Portal gateway`,
    );
  }
  if (config.broker.kind === "ibkr" && !(await ib.hasAccount())) {
    throw new Error(
      "IBKR gateway session cannot trade the account in IBKR_ACCOUNT_ID: check the variable or log in with that account",
    );
  }
  return `IBKR gateway authenticated (${what})`;
}
