export { OperationsLogPage } from './components/operations-log-page.tsx';
export { ClusterEvents } from './components/cluster-events.tsx';
export { RecentFailures } from './components/recent-failures.tsx';
export { useTracesT } from './messages.ts';
