/**
 * The ports of one journey run, all derived from `E2E_PORT` so that two checkouts can run their journeys
 * side by side: the console, the emulator's cloud and DBMind APIs, and the model endpoint a journey serves.
 */
export const consolePort = Number(process.env.E2E_PORT ?? 18443);
export const emulatorPort = consolePort + 1000;
export const emulatorDbmindPort = consolePort + 1001;
export const heldModelPort = consolePort + 2;

/**
 * The journeys through nginx: the balancer, the three console processes behind it (`npm start --
 * --processes 3` puts them on the ports after it, and Redis after those), and their own emulator.
 */
export const balancerPort = consolePort + 3;
export const consoleProcessPorts = [balancerPort + 1, balancerPort + 2, balancerPort + 3];
export const multiRedisPort = balancerPort + consoleProcessPorts.length + 1;
export const multiEmulatorPort = consolePort + 8;
export const multiEmulatorDbmindPort = consolePort + 9;

/** The development identity provider of each run (single sign-on journeys), beside its emulator. */
export const devIdpPort = consolePort + 10;
export const multiDevIdpPort = consolePort + 11;
