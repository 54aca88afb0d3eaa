/**
 * The ports of one journey run, all derived from `E2E_PORT` so that two checkouts can run their journeys
 * side by side: the console, the emulator's cloud and DBMind APIs, and the model endpoint a journey serves.
 */
export const consolePort = Number(process.env.E2E_PORT ?? 18443);
export const emulatorPort = consolePort + 1000;
export const emulatorDbmindPort = consolePort + 1001;
export const heldModelPort = consolePort + 2;
