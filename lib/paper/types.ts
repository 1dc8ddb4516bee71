/**
 * Value types of paper trading: orders, fills, positions and bars, shared with the
 * execution backtest of lib/backtest (where they are defined).
 *
 * @module
 */
export type {
  Bar,
  BarGroup,
  Fill,
  Order,
  OrderRequest,
  OrderStatus,
  OrderType,
  Position,
  Side,
  TimeInForce,
} from "../backtest/mod.ts";
