# Goldens for lib/metrics' probabilityOfBacktestOverfitting: PBO, logits, probability of
# loss, the selected configuration's in-sample and out-of-sample Sharpe per split, and
# the degradation regression, computed with base R (Debian r-base-core 4.2) following
# the CSCV procedure of R's pbo package (Barry; `pbo()`): contiguous blocks, every
# combn(S, S/2) choice of in-sample blocks, the in-sample winner by which.max, its
# out-of-sample rank by rank() (ties averaged), PBO = share of logits <= 0, probability
# of loss = share of splits whose winner has out-of-sample performance < 0. The
# performance is the per-period Sharpe mean / sd. Two differences from the package, both
# the paper's (Bailey, Borwein, Lopez de Prado & Zhu 2017) and lib/'s conventions:
# the relative rank is rank / (N + 1) (the package divides by N, so its best rank has
# logit +Inf, plotted as 6), and the degradation regression is OOS on IS,
# lm(Rbn ~ Rn), as the package's degradation plot draws it (its `slope`/`intercept`
# fields come from lm(rn_pairs), i.e. IS on OOS, with the two labels swapped).
# The matrices are rnorm draws written with 6 decimals and read back (so R computes on
# exactly the numbers the JSON holds).
#
# Run: Rscript tests/golden/pbo_golden.R > tests/golden/pbo.json

num <- function(x) {
  ifelse(is.na(x), "null", ifelse(is.infinite(x), ifelse(x > 0, "1e999", "-1e999"),
                                  sprintf("%.17g", x)))
}
arr <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
six <- function(x) as.numeric(sprintf("%.6f", x))

cscv <- function(m, s) {
  t <- nrow(m); n <- ncol(m); sn <- t / s
  cs <- combn(s, s / 2)
  sharpe <- function(j) apply(j, 2, function(x) mean(x) / sd(x))
  res <- lapply(seq_len(ncol(cs)), function(k) {
    blocks <- cs[, k]
    is_rows <- as.vector(sapply(blocks, function(b) ((b - 1) * sn + 1):(b * sn)))
    r <- sharpe(m[is_rows, , drop = FALSE])
    rb <- sharpe(m[-is_rows, , drop = FALSE])
    best <- which.max(r)
    w <- rank(rb)[best] / (n + 1)
    list(mask = sum(2^(blocks - 1)), best = best - 1, is = r[best], oos = rb[best],
         logit = log(w / (1 - w)))
  })
  get <- function(f) sapply(res, function(x) x[[f]])
  logit <- get("logit"); is <- get("is"); oos <- get("oos")
  fit <- lm(oos ~ is)
  paste0("{\"rows\":", t, ",\"cols\":", n, ",\"partitions\":", s,
         ",\"data\":[", paste(sprintf("%.6f", as.vector(t(m))), collapse = ","), "]",
         ",\"masks\":", arr(get("mask")), ",\"selected\":", arr(get("best")),
         ",\"logits\":", arr(logit), ",\"inSample\":", arr(is),
         ",\"outOfSample\":", arr(oos),
         ",\"pbo\":", num(mean(logit <= 0)), ",\"atMedianShare\":", num(mean(logit == 0)),
         ",\"probabilityOfLoss\":", num(mean(oos < 0)),
         ",\"intercept\":", num(coef(fit)[[1]]), ",\"slope\":", num(coef(fit)[[2]]),
         ",\"rSquared\":", num(summary(fit)$r.squared),
         ",\"adjustedRSquared\":", num(summary(fit)$adj.r.squared), "}")
}

set.seed(20240611)
noise <- matrix(six(rnorm(240 * 12, 0, 0.01)), 240, 12)
edge <- matrix(six(rnorm(120 * 5, 0, 0.01)), 120, 5)
edge[, 1] <- six(edge[, 1] + 0.004)
edge[, 5] <- edge[, 4] # a duplicated configuration: tied ranks
odd <- matrix(six(rnorm(96 * 7, 0.0002, 0.01)), 96, 7)
cat(paste0("{\"source\":\"tests/golden/pbo_golden.R (base R ", getRversion(), ")\",",
           "\"cases\":{\"noise\":", cscv(noise, 8), ",\"edge\":", cscv(edge, 6),
           ",\"odd\":", cscv(odd, 4), "}}\n"))
