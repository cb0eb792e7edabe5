// jest ignores `testTimeout` inside a project's config (it is a global option), so the
// integration project sets its 60 s default for tests and hooks here.
jest.setTimeout(60_000);
