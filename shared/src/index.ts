export * from './dws/cluster.ts';
export * from './http/api-error.ts';
export * from './iam/token.ts';
export * from './session/session.ts';
