// Jest ignores `testTimeout` inside `projects`: browser and server tests need longer than 5 s.
jest.setTimeout(120_000);
