export { ClusterMonitoring } from './components/cluster-monitoring.tsx';
