"""The demo events and the synthetic data behind them and the benchmarks."""
