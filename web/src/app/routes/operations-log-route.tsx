import { OperationsLogPage } from '../../features/traces/index.ts';

export function OperationsLogRoute() {
  return <OperationsLogPage />;
}
