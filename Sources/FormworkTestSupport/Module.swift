// FormworkTestSupport: golden comparison, position markers, CLI runner.
