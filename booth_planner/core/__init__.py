"""The core every layer builds on: the model, regions, geometry, text helpers, i18n."""
